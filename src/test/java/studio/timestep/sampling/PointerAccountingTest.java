package studio.timestep.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PointerAccountingTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(PointerAccounting.MAX_PHYSICAL_BYTES);
        System.clearProperty(PointerAccounting.MAX_PHYSICAL_BYTES);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PointerAccounting.MAX_PHYSICAL_BYTES);
        } else {
            System.setProperty(PointerAccounting.MAX_PHYSICAL_BYTES, before);
        }
    }

    @Test
    void theResidentCheckAtEachAllocationIsSwitchedOff() {
        PointerAccounting.setBeforeJavaCppLoads();
        assertEquals("0", System.getProperty(PointerAccounting.MAX_PHYSICAL_BYTES));
    }

    @Test
    void aLimitTheUserGaveIsKept() {
        System.setProperty(PointerAccounting.MAX_PHYSICAL_BYTES, "8g");
        PointerAccounting.setBeforeJavaCppLoads();
        assertEquals("8g", System.getProperty(PointerAccounting.MAX_PHYSICAL_BYTES));
    }
}
