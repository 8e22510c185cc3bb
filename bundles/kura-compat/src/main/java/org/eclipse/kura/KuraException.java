package org.eclipse.kura;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The checked exception of Kura's APIs: an {@link KuraErrorCode} plus message arguments and an
 * optional cause. Same constructors and accessors as Kura's; the message here is the code's name
 * followed by the arguments (Kura localizes it from a resource bundle instead).
 */
@ProviderType
public class KuraException extends Exception {

    private static final long serialVersionUID = 1L;

    private final KuraErrorCode code;
    private final Object[] arguments;

    public KuraException(final KuraErrorCode code) {
        this.code = code;
        this.arguments = null;
    }

    public KuraException(final KuraErrorCode code, final Object... arguments) {
        this.code = code;
        this.arguments = arguments;
    }

    public KuraException(final KuraErrorCode code, final Throwable cause, final Object... arguments) {
        super(cause);
        this.code = code;
        this.arguments = arguments;
    }

    /** @return an {@link KuraErrorCode#INTERNAL_ERROR} exception with {@code message} as its argument */
    @SuppressWarnings("deprecation")
    public static KuraException internalError(final String message) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, null, message);
    }

    /** @return an {@link KuraErrorCode#INTERNAL_ERROR} exception caused by {@code cause} */
    @SuppressWarnings("deprecation")
    public static KuraException internalError(final Throwable cause) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, cause, "");
    }

    /** @return an {@link KuraErrorCode#INTERNAL_ERROR} exception caused by {@code cause} */
    @SuppressWarnings("deprecation")
    public static KuraException internalError(final Throwable cause, final String message) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, cause, message);
    }

    public KuraErrorCode getCode() {
        return code;
    }

    @Override
    public String getMessage() {
        if (arguments == null || arguments.length == 0) {
            return String.valueOf(code);
        }
        return code + " " + Arrays.toString(arguments);
    }

    @Override
    public String getLocalizedMessage() {
        return getMessage();
    }
}
