package dev.wren.hardware.simulator.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.log.Logger;

import dev.wren.hardware.simulator.ChipModel;
import dev.wren.hardware.simulator.SimBoard;

/**
 * The configured chips of kinds Wren does not ship: each is plugged while a {@link ChipModel}
 * service of its kind is registered, and unplugged when it goes. Thread-safe: services come and
 * go on DS threads while the board is rebuilt on the configuration thread.
 */
final class ChipModels {

    private final Map<String, ChipModel> models = new HashMap<>();
    private SimBoard board;
    private List<Chips.Plug> plugs = List.of();
    private Logger log;
    private final List<String> refusals = new ArrayList<>();

    /** The board is built: plugs the entries whose model is here, reports the ones waiting. */
    synchronized void start(SimBoard board, List<Chips.Plug> plugs, Logger log) {
        this.board = board;
        this.plugs = plugs;
        this.log = log;
        refusals.forEach(log::error);
        refusals.clear();
        for (Chips.Plug p : plugs) {
            ChipModel model = models.get(p.kind());
            if (model != null) {
                plug(model, p);
            } else {
                log.warn("Simulated chip {} waits for a chip model of its kind (a {} service with {}={})", at(p),
                        ChipModel.class.getSimpleName(), ChipModel.KIND, p.kind());
            }
        }
    }

    synchronized void stop() {
        board = null;
        plugs = List.of();
    }

    /** Takes the model and plugs its chips, or logs why it is refused (at the next start if the logger is not here yet). */
    synchronized void add(Object kind, ChipModel model) {
        String refused = null;
        if (!(kind instanceof String k) || !Chips.validKind(k)) {
            refused = ChipModel.KIND + " must be lower-case letters and digits, was " + kind;
        } else if (Chips.builtIn(k)) {
            refused = "kind " + k + " is built in (" + Chips.KINDS + ") and cannot be replaced";
        } else if (models.putIfAbsent(k, model) != null) {
            refused = "another chip model of kind " + k + " is registered";
        } else if (board != null) {
            plugs.stream().filter(p -> p.kind().equals(k)).forEach(p -> plug(model, p));
        }
        if (refused != null) {
            refusals.add("Chip model " + model.getClass().getName() + " ignored: " + refused);
            if (log != null) {
                refusals.forEach(log::error);
                refusals.clear();
            }
        }
    }

    synchronized void remove(Object kind, ChipModel model) {
        if (kind instanceof String k && models.remove(k, model) && board != null) {
            for (Chips.Plug p : plugs) {
                if (p.kind().equals(k)) {
                    board.unplug(p.bus(), p.address());
                    log.info("Simulated chip {} unplugged: its chip model left", at(p));
                }
            }
        }
    }

    private void plug(ChipModel model, Chips.Plug p) {
        try {
            board.plug(p.bus(), p.address(), model.create(board));
            log.info("Simulated chip {} plugged from chip model {}", at(p), model.getClass().getName());
        } catch (RuntimeException e) {
            log.error("Simulated chip {} not plugged: chip model {} failed: {}", at(p), model.getClass().getName(),
                    String.valueOf(e));
        }
    }

    private static String at(Chips.Plug p) {
        return String.format(Locale.ROOT, "%s@%d:0x%02x", p.kind(), p.bus(), p.address());
    }
}
