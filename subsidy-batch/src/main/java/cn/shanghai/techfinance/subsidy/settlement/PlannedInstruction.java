package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.Instruction;
import java.util.List;

/** A payment instruction to store, with the claims it pays. */
record PlannedInstruction(Instruction instruction, List<String> claimIds) {
}
