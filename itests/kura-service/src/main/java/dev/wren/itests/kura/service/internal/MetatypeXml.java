package dev.wren.itests.kura.service.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import dev.wren.itests.kura.service.Ad;
import dev.wren.itests.kura.service.Ocd;

/**
 * Reads a metatype file the way Kura does: the parser is not namespace-aware, so only unprefixed
 * {@code OCD}, {@code AD} and {@code Option} elements count (a file that writes
 * {@code <metatype:OCD>} has no OCD for Kura), and the OCD must carry the PID as its id.
 */
final class MetatypeXml {

    private MetatypeXml() {
    }

    /**
     * @return the OCD whose id is {@code pid}
     * @throws IOException naming what is missing when the file holds no such OCD or does not parse
     */
    static Ocd read(InputStream in, String pid) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            doc = b.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("does not parse: " + e.getMessage(), e);
        }
        List<String> ids = new ArrayList<>();
        for (Element ocd : children(doc.getDocumentElement(), "OCD")) {
            String id = ocd.getAttribute("id");
            ids.add(id);
            if (id.equals(pid)) {
                List<Ad> ads = new ArrayList<>();
                for (Element ad : children(ocd, "AD")) {
                    ads.add(ad(ad));
                }
                return new Ocd(id, ocd.getAttribute("name"), ocd.getAttribute("description"), List.copyOf(ads));
            }
        }
        throw new IOException(ids.isEmpty() ? "no unprefixed <OCD> element under the root element <"
                + doc.getDocumentElement().getTagName() + ">" : "no OCD with id " + pid + " (found " + ids + ")");
    }

    private static Ad ad(Element ad) throws IOException {
        String id = ad.getAttribute("id");
        if (id.isEmpty()) {
            throw new IOException("an <AD> without id");
        }
        String type = ad.getAttribute("type");
        int cardinality = 0;
        if (!ad.getAttribute("cardinality").isEmpty()) {
            try {
                cardinality = Integer.parseInt(ad.getAttribute("cardinality").trim());
            } catch (NumberFormatException e) {
                throw new IOException(id + ": cardinality " + ad.getAttribute("cardinality") + " is not a number");
            }
        }
        boolean required = !"false".equals(ad.getAttribute("required"));
        String dflt = ad.hasAttribute("default") ? ad.getAttribute("default") : null;
        List<String> options = new ArrayList<>();
        for (Element o : children(ad, "Option")) {
            options.add(o.getAttribute("value"));
        }
        return new Ad(id, type.isEmpty() ? "String" : type, cardinality, required, dflt, List.copyOf(options));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
