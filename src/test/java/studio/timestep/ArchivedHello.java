package studio.timestep;

/** A main class for {@link WindowProcessTest}'s child JVMs: exits with its argument, or with {@link #CODE}. */
public final class ArchivedHello {
    static final int CODE = 3;

    private ArchivedHello() {
    }

    public static void main(String[] args) {
        System.exit(args.length == 0 ? CODE : Integer.parseInt(args[0]));
    }
}
