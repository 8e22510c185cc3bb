package dev.wren.itests.process.load;

import java.util.Collection;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.wren.inference.Model;

/**
 * A load of {@value #RATE} inferences per second on the serving trigger and classifier, through
 * their {@link Model} services, from inside a running gateway: the benchmark packages this class
 * as a bundle and installs it with the deployment agent. Prints one line a second on standard
 * output: {@code LOAD <second> runs=<n> failed=<n> first=<failure>}. The serving versions are looked
 * up again every second, as a consumer that follows swaps would.
 */
public final class InferenceLoad implements BundleActivator {

    static final int RATE = 10_000;
    private static final String[] NAMES = {"vibration-trigger", "vibration-classifier"};

    private volatile boolean run = true;
    private Thread thread;

    @Override
    public void start(BundleContext context) {
        thread = new Thread(() -> loop(context), "wren-bench-load");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        run = false;
        thread.join(5_000);
    }

    private void loop(BundleContext context) {
        float[] input = new float[24];
        long start = System.nanoTime();
        long done = 0;
        for (int second = 1; run; second++) {
            Model[] models = serving(context);
            long runs = 0;
            long failed = 0;
            String first = "";
            long end = start + second * 1_000_000_000L;
            while (run && System.nanoTime() < end) {
                long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
                if (done >= due) {
                    Thread.onSpinWait();
                    continue;
                }
                Model m = models[(int) (done % models.length)];
                done++;
                runs++;
                try {
                    if (m == null) {
                        throw new IllegalStateException("no serving version");
                    }
                    m.run(input);
                } catch (RuntimeException e) {
                    failed++;
                    if (first.isEmpty()) {
                        first = String.valueOf(e.getMessage()).replace(' ', '_');
                    }
                }
            }
            System.out.println("LOAD " + second + " runs=" + runs + " failed=" + failed + " first=" + first);
        }
    }

    private static Model[] serving(BundleContext context) {
        Model[] out = new Model[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            try {
                Collection<ServiceReference<Model>> refs = context.getServiceReferences(Model.class,
                        "(&(" + Model.NAME + "=" + NAMES[i] + ")(" + Model.SERVING + "=true))");
                out[i] = refs.isEmpty() ? null : context.getService(refs.iterator().next());
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
