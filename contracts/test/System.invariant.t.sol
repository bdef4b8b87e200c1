// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: the wired protocol keeps the world's safety and liveness invariants under any sequence of
// participants' calls: COR is conserved against SessionPayment's token balance; no miner is paid
// for a task without a revealed result matching its precommit; a node is reserved by at most one
// session and the session and the pool agree on it; no task stays past its deadlines once the
// honest oracle has acted.
// Method: forge's invariant fuzzer calls only SystemHandler (sessions, funding, node assignment,
// submissions, miners honest or not, phase ends early or late, random verdicts, bans, releases,
// re-admissions, stake moves, the oracle's sweep, time). After every call the invariants re-read
// every contract; the liveness one checks the state the last sweep left at its own time.

import {Test} from "forge-std/Test.sol";
import {INodePoolTypes} from "../src/interfaces/INodePool.sol";
import {ISessionPaymentTypes} from "../src/interfaces/ISessionPayment.sol";
import {ISessionQueueTypes} from "../src/interfaces/ISessionQueue.sol";
import {SystemHandler} from "./handlers/SystemHandler.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract SystemInvariantTest is SystemFixture {
    SystemHandler internal handler;
    address internal routerless = address(0);

    function setUp() public override {
        super.setUp();
        handler = new SystemHandler(queue, session, pool, payment, token, address(cognitive), owner, oracle, user);
        handler.initialize();
        bytes4[] memory selectors = new bytes4[](23);
        selectors[0] = SystemHandler.createSession.selector;
        selectors[1] = SystemHandler.fund.selector;
        selectors[2] = SystemHandler.withdrawSessionBalance.selector;
        selectors[3] = SystemHandler.assignNodes.selector;
        selectors[4] = SystemHandler.submit.selector;
        selectors[5] = SystemHandler.deactivate.selector;
        selectors[6] = SystemHandler.releaseNode.selector;
        selectors[7] = SystemHandler.admit.selector;
        selectors[8] = SystemHandler.ban.selector;
        selectors[9] = SystemHandler.ping.selector;
        selectors[10] = SystemHandler.unstake.selector;
        selectors[11] = SystemHandler.withdrawNodePayment.selector;
        selectors[12] = SystemHandler.assignTask.selector;
        selectors[13] = SystemHandler.ack.selector;
        selectors[14] = SystemHandler.precommit.selector;
        selectors[15] = SystemHandler.commit.selector;
        selectors[16] = SystemHandler.endPhase.selector;
        selectors[17] = SystemHandler.validate.selector;
        selectors[18] = SystemHandler.end.selector;
        selectors[19] = SystemHandler.sweep.selector;
        selectors[20] = SystemHandler.warp.selector;
        // Weighted: honest miners and the oracle's duties keep tasks flowing.
        selectors[21] = SystemHandler.advance.selector;
        selectors[22] = SystemHandler.advance.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev Token conservation: balance = in − out = available + escrowed + pending + stakes + treasury.
    function invariant_CorIsConserved() public view {
        ISessionPaymentTypes.NetworkAccount memory n = payment.getNetworkAccount();
        uint256 balance = token.balanceOf(address(payment));
        assertEq(balance, n.deposited + n.staked - n.sessionWithdrawn - n.nodeWithdrawn - n.unstaked);
        uint256 held = n.treasury;
        for (uint256 id = 1; id <= session.getSessionCount(); ++id) {
            ISessionPaymentTypes.SessionAccount memory s = payment.getSessionAccount(id);
            held += s.available + s.escrowed;
        }
        address[6] memory ms = handler.miners();
        for (uint256 i = 0; i < ms.length; ++i) {
            ISessionPaymentTypes.NodeAccount memory a = payment.getNodeAccount(ms[i]);
            held += a.pending + a.stake;
        }
        held += payment.getNodeAccount(oracle).pending; // the validator; tasks here have no router
        assertEq(balance, held);
    }

    /**
     * @dev No reward without a matching reveal: every miner counted Valid in a settled task revealed
     * a result that hashes to its precommit, and each miner earned exactly its share of the tasks
     * it was Valid in (nothing for a timeout, a withheld or copied reveal, or an outlier).
     */
    function invariant_NoRewardWithoutAMatchingReveal() public view {
        address[6] memory ms = handler.miners();
        uint256[6] memory expected;
        for (uint256 i = 0; i < handler.taskCount(); ++i) {
            (uint256 sessionId, uint256 taskId) = handler.taskAt(i);
            ISessionPaymentTypes.TaskEscrow memory e = payment.getTaskEscrow(sessionId, taskId);
            if (e.status != ISessionPaymentTypes.EscrowStatus.Settled) continue;
            address[] memory assigned = queue.getTaskMiners(sessionId, taskId);
            bool[] memory valid = new bool[](assigned.length);
            uint256 validCount;
            for (uint256 j = 0; j < assigned.length; ++j) {
                ISessionQueueTypes.MinerSlotView memory s = queue.getMinerSlot(sessionId, taskId, assigned[j]);
                if (s.state != ISessionQueueTypes.MinerResultState.Valid) continue;
                bytes32 hash = keccak256(abi.encodePacked(assigned[j], sessionId, taskId, s.salt, keccak256(bytes(s.result))));
                assertEq(s.precommitHash, hash, "counted valid without a matching reveal");
                (valid[j], validCount) = (true, validCount + 1);
            }
            // The user submits (no router); the validating oracle is the one validator.
            (uint256 perMiner,,,) = payment.computeSettlementSplit(e.charged, validCount, 1, false);
            for (uint256 j = 0; j < assigned.length; ++j) {
                if (!valid[j]) continue;
                for (uint256 k = 0; k < ms.length; ++k) {
                    if (ms[k] == assigned[j]) expected[k] += perMiner;
                }
            }
        }
        for (uint256 k = 0; k < ms.length; ++k) {
            assertEq(payment.getNodeAccount(ms[k]).earned, expected[k], "earned other than its valid reveals' shares");
        }
    }

    /// @dev A node is reserved by at most one session, and the pool and the sessions agree on which.
    function invariant_ANodeIsReservedByAtMostOneSession() public view {
        address[6] memory ms = handler.miners();
        uint256 sessions = session.getSessionCount();
        for (uint256 i = 0; i < ms.length; ++i) {
            INodePoolTypes.NodeView memory v = pool.getNode(ms[i]);
            uint256 listedBy;
            for (uint256 id = 1; id <= sessions; ++id) {
                (address[] memory ephemeral,) = session.getSessionNodes(id);
                for (uint256 j = 0; j < ephemeral.length; ++j) {
                    if (ephemeral[j] != ms[i]) continue;
                    ++listedBy;
                    assertEq(uint8(v.status), uint8(INodePoolTypes.NodeStatus.Reserved), "listed but not reserved");
                    assertEq(v.sessionId, id, "listed by another session than the reserving one");
                }
            }
            assertLe(listedBy, 1);
            if (v.status == INodePoolTypes.NodeStatus.Reserved) assertEq(listedBy, 1, "reserved but not listed");
        }
    }

    /**
     * @dev Liveness: right after the honest oracle's sweep, no open task is past its total timeout,
     * none waits on the oracle (Committed, Validated), none sits in a phase whose deadline passed.
     */
    function invariant_NoTaskStuckOnceTheOracleActs() public view {
        if (!handler.justSwept()) return;
        uint256 totalTicks = queue.getParams().totalTimeoutMs / 1000;
        for (uint256 i = 0; i < handler.taskCount(); ++i) {
            (uint256 sessionId, uint256 taskId) = handler.taskAt(i);
            ISessionQueueTypes.TaskView memory t = queue.getTask(sessionId, taskId);
            if (t.status == ISessionQueueTypes.TaskStatus.Ended) continue;
            assertLt(block.timestamp, uint256(t.createdAt) + totalTicks, "past the total timeout");
            assertTrue(t.status != ISessionQueueTypes.TaskStatus.Committed, "waiting for verdicts");
            assertTrue(t.status != ISessionQueueTypes.TaskStatus.Validated, "waiting for its end");
            assertTrue(t.phaseDeadline == 0 || block.timestamp < t.phaseDeadline, "past its phase deadline");
        }
    }
}
