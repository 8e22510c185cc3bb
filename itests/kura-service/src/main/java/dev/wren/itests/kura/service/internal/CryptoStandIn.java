package dev.wren.itests.kura.service.internal;

import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.wren.kura.compat.testing.AesCrypto;

/**
 * Test only: Kura's CryptoService on the Kura-like set, played by the working AES stand-in of Kura's
 * API under one key for the framework's life (Kura keeps one per installation).
 */
@Component(service = {}, immediate = true)
public final class CryptoStandIn {

    private final ServiceRegistration<CryptoService> registration;

    @Activate
    public CryptoStandIn(BundleContext context) {
        registration = context.registerService(CryptoService.class, new AesCrypto(), null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
    }
}
