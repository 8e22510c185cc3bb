package org.example.wren.sht31;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Sht31ReaderTest {

    @Test
    void crcOfTheDatasheetExample() {
        // datasheet table 20: 0xBEEF gives 0x92
        assertEquals(0x92, Sht31Reader.crc8((byte) 0xBE, (byte) 0xEF));
    }
}
