package studio.timestep.sampling;

import studio.timestep.model.Poly1d;
import studio.timestep.param.NamedOption;

/**
 * TeaCache's rescale polynomials (numpy poly1d, highest power first; ali-vilab/TeaCache). They were
 * fitted on a limited range of relative L1 and go negative outside it.
 */
public enum TeaCachePolynomial implements NamedOption {
    IDENTITY("identity", new double[] {1, 0}),
    WAN_1_3B("wan-1.3b", new double[] {2.39676752e+03, -1.31110545e+03, 2.01331979e+02, -8.29855975e+00, 1.37887774e-01}),
    WAN_14B("wan-14b", new double[] {-5784.54975374, 5449.50911966, -1811.16591783, 256.27178429, -13.02252404}),
    HUNYUAN("hunyuan", new double[] {7.33226126e+02, -4.01131952e+02, 6.75869174e+01, -3.14987800e+00, 9.61237896e-02});

    private final String id;
    private final Poly1d polynomial;

    TeaCachePolynomial(String id, double[] coefficients) {
        this.id = id;
        this.polynomial = new Poly1d(coefficients);
    }

    public double apply(double x) {
        return polynomial.apply(x);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public static TeaCachePolynomial fromId(String id) {
        return NamedOption.parse(TeaCachePolynomial.class, "teacache", id);
    }
}
