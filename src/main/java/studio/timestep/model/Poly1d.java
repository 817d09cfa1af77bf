package studio.timestep.model;

/** numpy's poly1d: coefficients highest power first, evaluated by Horner's rule (TeaCache's rescale polynomials). */
public record Poly1d(double... coefficients) {
    public Poly1d {
        coefficients = coefficients.clone();
    }

    public double apply(double x) {
        double y = 0;
        for (double c : coefficients) {
            y = y * x + c;
        }
        return y;
    }
}
