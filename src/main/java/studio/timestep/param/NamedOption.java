package studio.timestep.param;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum constant with the name the command line and the files use for it. */
public interface NamedOption {
    String id();

    /** The constant named {@code id} (case-insensitive), or an error naming the field and the choices. */
    static <E extends Enum<E> & NamedOption> E parse(Class<E> type, String field, String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        E[] all = type.getEnumConstants();
        return Arrays.stream(all).filter(e -> e.id().equals(wanted)).findFirst().orElseThrow(() ->
                new InvalidParameterException(field, "must be one of " + ids(all) + ", got '" + id + "'"));
    }

    static String ids(NamedOption[] all) {
        return Arrays.stream(all).map(NamedOption::id).collect(Collectors.joining(", "));
    }
}
