// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {SessionQueue} from "../../src/SessionQueue.sol";
import {ISessionQueueTypes} from "../../src/interfaces/ISessionQueue.sol";

/**
 * @dev Drives one SessionQueue for invariant tests: the only contract the fuzzer calls. Each
 * action takes raw seeds and maps them with `_bound` (forge-std's bound() without its log line)
 * onto a call a real participant could make: honest or dishonest miners, an oracle closing phases
 * early or late, time passing. The choices are guided (miner actions mostly come from the task's
 * assigned miners, phase ends match the task's status, {advance} plays several honest steps in a
 * row) so that random sequences reach every outcome: settled, no consensus, too few acks,
 * precommits or reveals, requeued, force-ended. Calls the queue rejects simply revert (the config
 * sets fail_on_revert = false), which is the point: a rejection must leave every invariant intact.
 *
 * The owner switches the commit scheme and the shortage policy now and then, so reveals under
 * both schemes (and a switch in the middle of a task) and every way a short task ends are
 * exercised in one campaign.
 *
 * Ghost state: the tasks seen Ended, with their finish time, for "ended tasks stay ended"; the
 * scheme in force at each accepted reveal, to recompute its hash.
 */
contract SessionQueueHandler is Test, ISessionQueueTypes {
    uint256 public constant SESSION = 1;
    uint256 public constant MAX_TASKS = 3;
    uint256 public constant POOL = 6;

    SessionQueue public immutable queue;
    address public immutable owner;
    address public immutable oracle;
    address public immutable module;
    address[POOL] internal _pool;

    uint256[] internal _ended;
    mapping(uint256 taskId => uint48) public endedAt;
    mapping(uint256 taskId => uint256) public redundantOf;
    /// @dev Keyed without the round: a miner's reveal in the current round is its latest on the task.
    mapping(uint256 taskId => mapping(address miner => CommitScheme)) public revealScheme;

    constructor(SessionQueue queue_, address owner_, address oracle_, address module_) {
        (queue, owner, oracle, module) = (queue_, owner_, oracle_, module_);
        for (uint256 i = 0; i < POOL; ++i) {
            _pool[i] = address(uint160(0xA11CE0 + i));
        }
    }

    // ---- actions -------------------------------------------------------------------------------

    function enqueue(uint256 redundantSeed) external {
        if (queue.getTaskCount(SESSION) >= MAX_TASKS) return;
        uint256 redundant = _bound(redundantSeed, 1, 4);
        vm.prank(module);
        uint256 taskId = queue.enqueueTask(SESSION, redundant, 0, 32, 1e18, address(0), "p");
        redundantOf[taskId] = redundant;
    }

    /// @dev Assigns the first `redundant` miners from `offsetSeed` on that are not excluded.
    function assign(uint256 taskSeed, uint256 offsetSeed) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (ok) _assign(taskId, offsetSeed);
    }

    function _assign(uint256 taskId, uint256 offsetSeed) private {
        uint256 redundant = redundantOf[taskId];
        address[] memory miners = new address[](redundant);
        uint256 count;
        uint256 offset = _bound(offsetSeed, 0, POOL - 1);
        for (uint256 i = 0; i < POOL && count < redundant; ++i) {
            address miner = _pool[(offset + i) % POOL];
            if (!queue.isExcluded(SESSION, taskId, miner)) miners[count++] = miner;
        }
        assembly ("memory-safe") {
            mstore(miners, count) // fewer than redundant when too many are excluded: a rejected call
        }
        vm.prank(oracle);
        queue.assignTask(SESSION, taskId, miners);
        _observe(taskId);
    }

    function ack(uint256 taskSeed, uint256 minerSeed) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (!ok) return;
        vm.prank(_pickActor(taskId, minerSeed));
        queue.ack(SESSION, taskId);
    }

    /// @dev An honest precommit binds the miner's own result; otherwise a random hash.
    function precommit(uint256 taskSeed, uint256 minerSeed, bool honest, bytes32 junk) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (!ok) return;
        address miner = _pickActor(taskId, minerSeed);
        bytes32 hash = honest ? _honestHash(miner, taskId) : junk;
        vm.prank(miner);
        queue.precommit(SESSION, taskId, hash);
    }

    /// @dev An honest reveal is the miner's own result and salt; otherwise another miner's.
    function commit(uint256 taskSeed, uint256 minerSeed, bool honest, uint256 tokens) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (!ok) return;
        address miner = _pickActor(taskId, minerSeed);
        address author = honest ? miner : _pool[(minerSeed + 1) % POOL];
        // Undone with the rest of this call if the queue rejects the reveal.
        revealScheme[taskId][miner] = queue.getParams().commitScheme;
        tokens = _bound(tokens, 0, 64);
        vm.prank(miner);
        queue.commit(SESSION, taskId, _result(author), _salt(author, taskId), tokens);
    }

    /// @dev Closes the phase the task is in (1 in 8 times, a phase chosen at random instead).
    function endPhase(uint256 taskSeed, uint256 which) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (!ok) return;
        TaskStatus status = queue.getTaskStatus(SESSION, taskId);
        if (which % 8 == 0) status = TaskStatus(1 + (which >> 3) % 3);
        vm.prank(oracle);
        if (status == TaskStatus.Assigned) queue.endAck(SESSION, taskId);
        else if (status == TaskStatus.Acked) queue.endPrecommit(SESSION, taskId);
        else queue.endCommit(SESSION, taskId);
        _observe(taskId);
    }

    /// @dev Verdicts for every miner that revealed: bit i of `validMask` for the i-th of them.
    function validate(uint256 taskSeed, uint256 validMask, int256 similarity) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (ok) _validate(taskId, validMask, similarity);
    }

    function _validate(uint256 taskId, uint256 validMask, int256 similarity) private {
        address[] memory assigned = queue.getTaskMiners(SESSION, taskId);
        address[] memory miners = new address[](assigned.length);
        uint256 count;
        for (uint256 i = 0; i < assigned.length; ++i) {
            if (queue.getTaskResultState(SESSION, taskId, assigned[i]) == uint8(MinerResultState.Committed)) {
                miners[count++] = assigned[i];
            }
        }
        bool[] memory valid = new bool[](count);
        int256[] memory similarities = new int256[](count);
        for (uint256 i = 0; i < count; ++i) {
            valid[i] = (validMask >> i) & 1 == 1;
            similarities[i] = _bound(similarity, -1e6, 1e6);
        }
        assembly ("memory-safe") {
            mstore(miners, count) // only the miners that revealed (never longer than allocated)
        }
        vm.prank(oracle);
        queue.validate(SESSION, taskId, miners, valid, similarities);
    }

    function end(uint256 taskSeed, bool forceEnd) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (ok) _end(taskId, forceEnd);
    }

    function _end(uint256 taskId, bool forceEnd) private {
        vm.prank(oracle);
        queue.end(SESSION, taskId, forceEnd);
        _observe(taskId);
    }

    function setScheme(bool plain) external {
        vm.prank(owner);
        queue.setCommitScheme(plain ? CommitScheme.Plain : CommitScheme.MinerBound);
    }

    function setShortagePolicy(bool refund, uint256 maxReassignments) external {
        vm.prank(owner);
        queue.setShortagePolicy(refund ? OnShortage.Refund : OnShortage.Reassign, uint16(_bound(maxReassignments, 0, 2)));
    }

    /// @dev Small steps, and now and then a jump past the total timeout.
    function warp(uint256 secondsSeed) external {
        uint256 stepSec = secondsSeed % 16 == 0 ? _bound(secondsSeed >> 4, 100, 400) : _bound(secondsSeed >> 4, 1, 20);
        vm.warp(block.timestamp + stepSec);
    }

    /**
     * @dev Up to `steps` honest steps for one task (see {step}), stopping at the first the queue
     * rejects (a deadline passed, too few eligible miners). Without it, random sequences rarely
     * carry a task all the way to the end.
     */
    function advance(uint256 taskSeed, uint256 seed, uint256 steps) external {
        (bool ok, uint256 taskId) = _pickTask(taskSeed);
        if (!ok) return;
        steps = _bound(steps, 1, 10);
        for (uint256 i = 0; i < steps; ++i) {
            try this.step(taskId, seed ^ i) {}
            catch {
                break;
            }
        }
    }

    /**
     * @dev The move the task's status calls for: by a miner still waiting in the phase, or the
     * oracle's phase end once nobody waits; validation with mostly valid verdicts; the end. Public
     * for {advance}'s try/catch only: it is not among the fuzzer's target selectors.
     */
    function step(uint256 taskId, uint256 seed) external {
        TaskStatus status = queue.getTaskStatus(SESSION, taskId);
        if (status == TaskStatus.Queued) return _assign(taskId, seed);
        if (status == TaskStatus.Committed) return _validate(taskId, seed % 4 == 0 ? seed : type(uint256).max, 900_000);
        if (status == TaskStatus.Validated) return _end(taskId, false);
        if (status == TaskStatus.Ended) return;
        MinerResultState waiting = MinerResultState(uint8(status) - 1); // the state of a miner yet to act
        address miner = _firstIn(taskId, waiting, seed);
        if (miner == address(0)) {
            vm.prank(oracle);
            if (status == TaskStatus.Assigned) queue.endAck(SESSION, taskId);
            else if (status == TaskStatus.Acked) queue.endPrecommit(SESSION, taskId);
            else queue.endCommit(SESSION, taskId);
        } else if (status == TaskStatus.Assigned) {
            vm.prank(miner);
            queue.ack(SESSION, taskId);
        } else if (status == TaskStatus.Acked) {
            bytes32 hash = _honestHash(miner, taskId); // before the prank: it makes calls of its own
            vm.prank(miner);
            queue.precommit(SESSION, taskId, hash);
        } else {
            revealScheme[taskId][miner] = queue.getParams().commitScheme;
            uint256 tokens = _bound(seed, 0, 64);
            vm.prank(miner);
            queue.commit(SESSION, taskId, _result(miner), _salt(miner, taskId), tokens);
        }
        _observe(taskId);
    }

    // ---- ghost state ---------------------------------------------------------------------------

    function endedTasks() external view returns (uint256[] memory) {
        return _ended;
    }

    /// @dev Records a task the first time it is seen Ended.
    function _observe(uint256 taskId) private {
        if (endedAt[taskId] != 0 || queue.getTaskStatus(SESSION, taskId) != TaskStatus.Ended) return;
        _ended.push(taskId);
        endedAt[taskId] = queue.getTask(SESSION, taskId).finishedAt;
    }

    // ---- helpers -------------------------------------------------------------------------------

    function _pickTask(uint256 seed) private view returns (bool, uint256) {
        uint256 count = queue.getTaskCount(SESSION);
        if (count == 0) return (false, 0);
        return (true, _bound(seed, 0, count - 1));
    }

    /// @dev An assigned miner in `state`, starting the search at `seed`; zero when there is none.
    function _firstIn(uint256 taskId, MinerResultState state, uint256 seed) private view returns (address) {
        address[] memory miners = queue.getTaskMiners(SESSION, taskId);
        for (uint256 i = 0; i < miners.length; ++i) {
            address miner = miners[(seed + i) % miners.length];
            if (queue.getTaskResultState(SESSION, taskId, miner) == uint8(state)) return miner;
        }
        return address(0);
    }

    /// @dev One of the task's assigned miners, or (1 in 8 times, or while queued) any pool miner.
    function _pickActor(uint256 taskId, uint256 seed) private view returns (address) {
        address[] memory miners = queue.getTaskMiners(SESSION, taskId);
        if (miners.length == 0 || seed % 8 == 0) return _pool[(seed >> 3) % POOL];
        return miners[(seed >> 3) % miners.length];
    }

    function _result(address miner) private pure returns (string memory) {
        return string.concat("result of ", vm.toString(miner));
    }

    function _salt(address miner, uint256 taskId) private pure returns (bytes32) {
        return keccak256(abi.encode(miner, taskId));
    }

    function _honestHash(address miner, uint256 taskId) private view returns (bytes32) {
        if (queue.getParams().commitScheme == CommitScheme.Plain) return queue.getHash(_result(miner));
        return queue.getMinerBoundHash(miner, SESSION, taskId, _salt(miner, taskId), _result(miner));
    }
}
