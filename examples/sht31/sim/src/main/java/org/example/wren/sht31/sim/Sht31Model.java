package org.example.wren.sht31.sim;

import org.osgi.service.component.annotations.Component;

import dev.wren.hardware.simulator.ChipModel;
import dev.wren.hardware.simulator.I2CChip;
import dev.wren.hardware.simulator.SimBoard;

/**
 * The SHT31 for Wren's simulated board: with this bundle installed, {@code sht31@1:0x44} in the
 * simulator's {@code chips} setting plugs an SHT31 that measures the board's simulated air.
 */
@Component(property = ChipModel.KIND + "=sht31")
public class Sht31Model implements ChipModel {

    @Override
    public I2CChip create(SimBoard board) {
        return new Sht31Chip(board.environment());
    }
}
