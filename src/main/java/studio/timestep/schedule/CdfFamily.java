package studio.timestep.schedule;

import org.apache.commons.math3.special.Erf;
import studio.timestep.param.NamedOption;

/** The cumulative distribution functions of the table of CDF-shaped shift curves in the HunyuanVideo L1 article our users wrote (erf from commons-math). */
public enum CdfFamily implements NamedOption {
    LOGISTIC("logistic", "1 / (1 + e^-x)") {
        @Override
        public double cdf(double x) {
            return 1 / (1 + Math.exp(-x));
        }
    },
    GAUSSIAN("gaussian", "½·(1 + erf(x/√2))") {
        @Override
        public double cdf(double x) {
            return 0.5 * (1 + Erf.erf(x / Math.sqrt(2)));
        }
    },
    T2("t2", "½·(1 + x/√(1+x²))") {
        @Override
        public double cdf(double x) {
            if (Double.isInfinite(x)) {
                return x > 0 ? 1 : 0;
            }
            return 0.5 * (1 + x / Math.sqrt(1 + x * x));
        }
    },
    SECH("sech", "½ + atan(sinh x)/π") {
        @Override
        public double cdf(double x) {
            return 0.5 + Math.atan(Math.sinh(x)) / Math.PI;
        }
    },
    LORENTZ("lorentz", "½ + atan(x)/π") {
        @Override
        public double cdf(double x) {
            return 0.5 + Math.atan(x) / Math.PI;
        }
    },
    UNIFORM("uniform", "clamp((x+1)/2, 0, 1)  (hardtanh)") {
        @Override
        public double cdf(double x) {
            return Math.max(0, Math.min(1, (x + 1) / 2));
        }
    },
    SOFTSIGN("softsign", "½·(1 + x/(1+|x|))") {
        @Override
        public double cdf(double x) {
            if (Double.isInfinite(x)) {
                return x > 0 ? 1 : 0;
            }
            return 0.5 * (1 + x / (1 + Math.abs(x)));
        }
    };

    private final String id;
    private final String formula;

    CdfFamily(String id, String formula) {
        this.id = id;
        this.formula = formula;
    }

    public abstract double cdf(double x);

    @Override
    public String id() {
        return id;
    }

    public String formula() {
        return formula;
    }

    @Override
    public String toString() {
        return id;
    }

    public static CdfFamily fromId(String id) {
        return NamedOption.parse(CdfFamily.class, "cdf", id);
    }
}
