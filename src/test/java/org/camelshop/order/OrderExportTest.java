package org.camelshop.order;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrderExportTest {

    @Test
    void cellsAreQuotedAndFormulasDefused() {
        assertEquals("plain", OrderExport.cell("plain"));
        assertEquals("\"a,b\"", OrderExport.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", OrderExport.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(\"x\")".replace("\"", "\"\"").replaceFirst("^", "\"") + "\"", OrderExport.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1+2", OrderExport.cell("+1+2"));
        assertEquals("'@SUM(A1)", OrderExport.cell("@SUM(A1)"));
        assertEquals("-4.40", OrderExport.cell("-4.40"), "negative amounts stay numbers");
    }

    @Test
    void moneyIsDecimal() {
        assertEquals("0.05", Invoices.money(5));
        assertEquals("12.50", Invoices.money(1250));
        assertEquals("-1.01", Invoices.money(-101));
    }
}
