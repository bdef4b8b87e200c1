// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: properties of SessionQueue that must hold after any sequence of calls, accepted or not:
// statuses stay in the enum, every revealed result matches its precommit, no task has more miners
// than `redundant`, ended tasks stay ended (and the per-miner states fit the task's status).
// Method: forge's invariant fuzzer calls only SessionQueueHandler (targetContract + selectors),
// which drives up to three tasks with honest and dishonest miners, an oracle closing phases early
// or late, the owner switching the commit scheme and the shortage policy, and time passing; after
// every call the invariant re-reads all tasks. The handler reaches every outcome (settled, no
// consensus, each shortage, requeued, force-ended); deliberately broken contracts (a skipped
// reveal check, an Ended task that accepts `end`) make these invariants fail.

import {Test} from "forge-std/Test.sol";
import {OracleRegistry} from "../src/OracleRegistry.sol";
import {SessionQueue} from "../src/SessionQueue.sol";
import {QueueModulesMock} from "./mocks/QueueModulesMock.sol";
import {ISessionQueueTypes} from "../src/interfaces/ISessionQueue.sol";
import {SessionQueueHandler} from "./handlers/SessionQueueHandler.sol";

contract SessionQueueInvariantTest is Test, ISessionQueueTypes {
    // Must match SessionQueueHandler.SESSION: the handler queues every task in this session.
    uint256 internal constant SESSION = 1;

    SessionQueue internal queue;
    SessionQueueHandler internal handler;

    function setUp() public virtual {
        address owner = makeAddr("owner");
        address oracle = makeAddr("oracle");
        address module = makeAddr("module");
        queue = new SessionQueue(owner, 1000);
        handler = new SessionQueueHandler(queue, owner, oracle, module);
        OracleRegistry registry = new OracleRegistry(owner, 1000, 0);
        QueueModulesMock modules = new QueueModulesMock();
        vm.startPrank(owner);
        registry.registerOracle(oracle);
        registry.setModule(address(queue), true);
        queue.setModules(registry, modules, modules, modules);
        queue.setSessionModule(module, true);
        vm.stopPrank();

        bytes4[] memory selectors = new bytes4[](12);
        selectors[0] = SessionQueueHandler.enqueue.selector;
        selectors[1] = SessionQueueHandler.assign.selector;
        selectors[2] = SessionQueueHandler.ack.selector;
        selectors[3] = SessionQueueHandler.precommit.selector;
        selectors[4] = SessionQueueHandler.commit.selector;
        selectors[5] = SessionQueueHandler.endPhase.selector;
        selectors[6] = SessionQueueHandler.validate.selector;
        selectors[7] = SessionQueueHandler.end.selector;
        selectors[8] = SessionQueueHandler.warp.selector;
        selectors[9] = SessionQueueHandler.setScheme.selector;
        selectors[10] = SessionQueueHandler.advance.selector;
        selectors[11] = SessionQueueHandler.setShortagePolicy.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev Every task's status, read as a raw word, is one of the seven enum values.
    function invariant_StatusIsAlwaysInTheEnum() public view {
        uint256 count = queue.getTaskCount(SESSION);
        for (uint256 id = 0; id < count; ++id) {
            (bool ok, bytes memory data) = address(queue).staticcall(abi.encodeCall(queue.getTaskStatus, (SESSION, id)));
            assertTrue(ok);
            assertLe(abi.decode(data, (uint256)), uint256(TaskStatus.Ended));
        }
    }

    /**
     * @dev A miner in Committed, Valid or Outlier revealed a result and salt that hash to its
     * precommit under the scheme in force at the reveal.
     */
    function invariant_RevealedResultsMatchTheirPrecommits() public view {
        uint256 count = queue.getTaskCount(SESSION);
        for (uint256 id = 0; id < count; ++id) {
            address[] memory miners = queue.getTaskMiners(SESSION, id);
            for (uint256 i = 0; i < miners.length; ++i) {
                uint8 state = queue.getTaskResultState(SESSION, id, miners[i]);
                bool revealed = state == uint8(MinerResultState.Committed) || state == uint8(MinerResultState.Valid)
                    || state == uint8(MinerResultState.Outlier);
                if (!revealed) continue;
                MinerSlotView memory s = queue.getMinerSlot(SESSION, id, miners[i]);
                bytes32 expected = handler.revealScheme(id, miners[i]) == CommitScheme.Plain
                    ? keccak256(bytes(s.result))
                    : keccak256(abi.encodePacked(miners[i], SESSION, id, s.salt, keccak256(bytes(s.result))));
                assertEq(s.precommitHash, expected);
            }
        }
    }

    /**
     * @dev A task holds no miners (queued) or exactly `redundant`, and never more; and their
     * states fit the task's status (once a phase closes, nobody is left waiting in it).
     */
    function invariant_NoTaskHasMoreMinersThanRedundant() public view {
        uint256 count = queue.getTaskCount(SESSION);
        for (uint256 id = 0; id < count; ++id) {
            TaskStatus status = queue.getTaskStatus(SESSION, id);
            address[] memory miners = queue.getTaskMiners(SESSION, id);
            uint256 redundant = handler.redundantOf(id);
            assertLe(miners.length, redundant);
            if (status == TaskStatus.Queued) assertEq(miners.length, 0);
            else if (status != TaskStatus.Ended) assertEq(miners.length, redundant);
            else assertTrue(miners.length == 0 || miners.length == redundant);
            for (uint256 i = 0; i < miners.length; ++i) {
                _assertStateFits(status, MinerResultState(queue.getTaskResultState(SESSION, id, miners[i])));
            }
        }
    }

    /// @dev A task seen Ended is still Ended, with the same finish time and outcome fields unchanged.
    function invariant_EndedTasksStayEnded() public view {
        uint256[] memory ended = handler.endedTasks();
        for (uint256 i = 0; i < ended.length; ++i) {
            TaskView memory t = queue.getTask(SESSION, ended[i]);
            assertEq(uint8(t.status), uint8(TaskStatus.Ended));
            assertEq(t.finishedAt, handler.endedAt(ended[i]));
            assertLe(t.charge, t.escrow);
            assertEq(t.success, t.failureReason == FailureReason.None);
        }
    }

    function _assertStateFits(TaskStatus status, MinerResultState s) private pure {
        if (s == MinerResultState.TimedOut) return;
        if (status == TaskStatus.Assigned) assertLe(uint8(s), uint8(MinerResultState.Acked));
        if (status == TaskStatus.Acked) assertTrue(s == MinerResultState.Acked || s == MinerResultState.Precommitted);
        if (status == TaskStatus.Precommitted) assertTrue(s == MinerResultState.Precommitted || s == MinerResultState.Committed);
        if (status == TaskStatus.Committed) assertEq(uint8(s), uint8(MinerResultState.Committed));
        if (status == TaskStatus.Validated) assertTrue(s == MinerResultState.Valid || s == MinerResultState.Outlier);
    }
}
