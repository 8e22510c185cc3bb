package dev.wren.models.builder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.protobuf.ByteString;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * Writes a network as an ONNX model (IR 8, opset 17): input {@value #INPUT} float [1, in], output
 * {@value #OUTPUT} float [1, out]; per layer {@code Gemm} (weights [out, in], {@code transB = 1}),
 * {@code Relu} between layers, {@code Sigmoid} or {@code Softmax} at the end. The INT8 form adds
 * the QuantizeLinear/DequantizeLinear pairs {@link Int8} describes. Same network, same bytes: no
 * time or host goes into the file.
 */
final class Onnx {

    static final String INPUT = "features";
    static final String OUTPUT = "scores";

    /** What the file says of itself: the model's name, version, precision and feature set. */
    record About(String name, String version, String precision, String features, String metadataVersion) {

        static About of(Recipe recipe) {
            return new About(recipe.modelName, recipe.version, recipe.precision(), "vibration-v1", Recipe.VERSION);
        }
    }

    private final About about;
    private final GraphProto.Builder graph = GraphProto.newBuilder();

    private Onnx(About about) {
        this.about = about;
    }

    static byte[] fp32(Recipe recipe, Mlp net) {
        return fp32(About.of(recipe), net);
    }

    static byte[] fp32(About about, Mlp net) {
        Onnx o = new Onnx(about);
        String x = INPUT;
        for (int l = 0; l < net.depth(); l++) {
            String w = o.floats("fc" + (l + 1) + ".weight", net.weights()[l], net.layers()[l + 1], net.layers()[l]);
            String b = o.floats("fc" + (l + 1) + ".bias", net.biases()[l], net.layers()[l + 1]);
            x = o.layer(l, net, x, w, b);
        }
        return o.model(net, x);
    }

    static byte[] int8(Recipe recipe, Int8 q) {
        Onnx o = new Onnx(About.of(recipe));
        Mlp net = q.net();
        String x = o.qdq(INPUT, q.input());
        for (int l = 0; l < net.depth(); l++) {
            String name = "fc" + (l + 1);
            String w = o.dequantise(name + ".weight", o.tensor(name + ".weight_quantized", DataType.INT8,
                    q.weights()[l], net.layers()[l + 1], net.layers()[l]), q.weightScale()[l], DataType.INT8);
            ByteBuffer bias = buffer(4 * q.biases()[l].length);
            bias.asIntBuffer().put(q.biases()[l]);
            String b = o.dequantise(name + ".bias", o.tensor(name + ".bias_quantized", DataType.INT32, bias.array(),
                    net.layers()[l + 1]), q.biasScale(l), DataType.INT32);
            x = o.layer(l, net, x, w, b);
            if (l < net.depth() - 1) {
                x = o.qdq(x, q.hidden()[l]);
            }
        }
        return o.model(net, x);
    }

    /** Gemm, then Relu for a hidden layer; @return the layer's output */
    private String layer(int l, Mlp net, String x, String w, String b) {
        String name = "fc" + (l + 1);
        node("Gemm", name, new String[] {x, w, b}, name + ".out", attribute("transB", 1));
        return l < net.depth() - 1 ? node("Relu", "relu" + (l + 1), new String[] {name + ".out"}, "relu" + (l + 1))
                : name + ".out";
    }

    private String qdq(String x, Int8.Quant q) {
        String scale = scalar(x + ".scale", q.scale());
        String zero = tensor(x + ".zero_point", DataType.INT8, new byte[] {(byte) q.zeroPoint()});
        node("QuantizeLinear", x + ".quantize", new String[] {x, scale, zero}, x + ".quantized");
        return node("DequantizeLinear", x + ".dequantize", new String[] {x + ".quantized", scale, zero},
                x + ".dequantized");
    }

    private String dequantise(String name, String quantized, float scale, DataType type) {
        String s = scalar(name + ".scale", scale);
        String zero = tensor(name + ".zero_point", type, new byte[type == DataType.INT32 ? 4 : 1]);
        return node("DequantizeLinear", name + ".dequantize", new String[] {quantized, s, zero}, name);
    }

    private byte[] model(Mlp net, String logits) {
        String op = net.role() == Role.TRIGGER ? "Sigmoid" : "Softmax";
        if (op.equals("Softmax")) {
            node(op, "softmax", new String[] {logits}, OUTPUT, attribute("axis", 1));
        } else {
            node(op, "sigmoid", new String[] {logits}, OUTPUT);
        }
        graph.setName(about.name().replace('-', '_'))
                .setDocString("Wren " + about.name() + " " + about.version() + " (" + about.precision()
                        + "): feature set " + about.features() + ", normalised as its model.json gives")
                .addInput(value(INPUT, net.layers()[0]))
                .addOutput(value(OUTPUT, net.layers()[net.layers().length - 1]));
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setProducerName("dev.wren.models.builder")
                .setProducerVersion(about.version())
                .setDomain("dev.wren")
                .setModelVersion(1)
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("wren.model.name").setValue(about.name()))
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("wren.model.version").setValue(about.metadataVersion()))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private String node(String op, String name, String[] inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    private static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private String floats(String name, float[] values, long... dims) {
        ByteBuffer b = buffer(4 * values.length);
        b.asFloatBuffer().put(values);
        return tensor(name, DataType.FLOAT, b.array(), dims);
    }

    private String scalar(String name, float value) {
        return floats(name, new float[] {value});
    }

    /** An initializer from little-endian raw bytes; no dims is a scalar (rank 0). */
    private String tensor(String name, DataType type, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ValueInfoProto value(String name, int width) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }
}
