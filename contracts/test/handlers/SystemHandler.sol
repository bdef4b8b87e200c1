// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {CorToken} from "../../src/CorToken.sol";
import {NodePool} from "../../src/NodePool.sol";
import {Session} from "../../src/Session.sol";
import {SessionPayment} from "../../src/SessionPayment.sol";
import {SessionQueue} from "../../src/SessionQueue.sol";
import {INodePoolTypes} from "../../src/interfaces/INodePool.sol";
import {ISessionTypes} from "../../src/interfaces/ISession.sol";
import {ISessionQueueTypes} from "../../src/interfaces/ISessionQueue.sol";

/**
 * @dev Drives the wired protocol for the system invariants, as its participants would: the user
 * creates and funds sessions, submits tasks and deactivates sessions; the oracle assigns pool
 * nodes and task miners, closes phases (early or late), validates with random verdicts and ends
 * tasks; miners act honestly or not (wrong reveals, silence), stake, unstake and withdraw; the
 * administrator bans and unbans; nodes are released when due or by hand and re-admitted after a
 * cognitive round (recorded here as Cognitive would); time passes. {sweep} plays the honest
 * oracle's duties for every task (close overdue phases, validate, end, force-end past the total
 * timeout), catching each refusal so that one stuck task cannot hide another.
 *
 * Ghost state: the tasks queued (session, task), and whether the last action was the sweep.
 */
contract SystemHandler is Test, ISessionQueueTypes {
    uint256 public constant MINERS = 6;
    uint256 public constant MAX_SESSIONS = 2;
    uint256 public constant MAX_TASKS = 6;
    uint256 internal constant MODEL = 7;

    SessionQueue public immutable queue;
    Session public immutable session;
    NodePool public immutable pool;
    SessionPayment public immutable payment;
    CorToken public immutable token;
    address public immutable cognitive;
    address public immutable owner;
    address public immutable oracle;
    address public immutable user;
    address[MINERS] internal _miners;

    uint256[] internal _taskSessions;
    uint256[] internal _taskIds;
    /// @dev True right after {sweep}, until any other action runs.
    bool public justSwept;
    uint256 internal _round = 1;

    constructor(
        SessionQueue queue_,
        Session session_,
        NodePool pool_,
        SessionPayment payment_,
        CorToken token_,
        address cognitive_,
        address owner_,
        address oracle_,
        address user_
    ) {
        (queue, session, pool, payment, token) = (queue_, session_, pool_, payment_, token_);
        (cognitive, owner, oracle, user) = (cognitive_, owner_, oracle_, user_);
        for (uint256 i = 0; i < MINERS; ++i) {
            _miners[i] = address(uint160(0x3113E40000 + i + 1));
        }
    }

    /// @dev Every action but the sweep: the state is no longer the sweep's.
    modifier acts() {
        justSwept = false;
        _;
    }

    /// @dev Called once by the test: registers, stakes and admits every miner.
    function initialize() external {
        uint256[] memory models = new uint256[](1);
        models[0] = MODEL;
        for (uint256 i = 0; i < MINERS; ++i) {
            address m = _miners[i];
            vm.prank(m);
            pool.register(models);
            vm.prank(owner);
            token.mint(m, 20_000e18);
            vm.startPrank(m);
            token.approve(address(payment), type(uint256).max);
            payment.stake(10_000e18);
            vm.stopPrank();
            _admit(m);
        }
    }

    // ---- sessions ------------------------------------------------------------------------------

    /// @dev A new session, funded, with as many free pool miners as it takes (best effort).
    function createSession(uint256 redundantSeed, uint256 maxTasksSeed) external acts {
        if (session.getSessionCount() >= MAX_SESSIONS) return;
        uint256 redundant = bound(redundantSeed, 1, 3);
        vm.prank(user);
        uint256 sessionId =
            session.createSession("s", "", user, [uint256(1), 4, redundant, 0, 0], false, [uint256(0), MODEL, 120_000, bound(maxTasksSeed, 1, 3)]);
        vm.prank(user);
        payment.depositToSession(sessionId, 1e18);
        _fillSession(sessionId, redundantSeed);
    }

    // NOTE: arguments that need a call (e.g. `_session`) are computed before `vm.prank`, which
    // applies to the very next call.

    function fund(uint256 sessionSeed, uint256 amount) external acts {
        uint256 sessionId = _session(sessionSeed);
        vm.prank(user);
        payment.depositToSession(sessionId, bound(amount, 1, 2e18));
    }

    function withdrawSessionBalance(uint256 sessionSeed, uint256 amount) external acts {
        uint256 sessionId = _session(sessionSeed);
        vm.prank(user);
        payment.withdrawSessionBalance(sessionId, bound(amount, 1, 1e18));
    }

    /// @dev The oracle assigns 1–2 pool miners, starting at a random one.
    function assignNodes(uint256 sessionSeed, uint256 minerSeed, uint256 countSeed) external acts {
        uint256 count = bound(countSeed, 1, 2);
        address[] memory nodes = new address[](count);
        for (uint256 i = 0; i < count; ++i) {
            nodes[i] = _miners[(minerSeed + i) % MINERS];
        }
        uint256 sessionId = _session(sessionSeed);
        vm.prank(oracle);
        session.assignNodes(sessionId, nodes);
    }

    /// @dev Submits a task, first topping the session up with free pool miners if it is short.
    function submit(uint256 sessionSeed) external acts {
        if (_taskIds.length >= MAX_TASKS) return;
        uint256 sessionId = _session(sessionSeed);
        if (session.doesSessionExist(sessionId)) _fillSession(sessionId, sessionSeed);
        uint256[] memory llm = new uint256[](1);
        llm[0] = 32;
        vm.prank(user);
        uint256 taskId = session.submit(sessionId, 0, "p", 0, "", llm, new uint256[](0), "");
        _taskSessions.push(sessionId);
        _taskIds.push(taskId);
    }

    function deactivate(uint256 sessionSeed) external acts {
        // Rare: a deactivated session serves nothing more.
        if (sessionSeed % 8 != 0) return;
        uint256 sessionId = _session(sessionSeed);
        vm.prank(user);
        session.deactivateSession(sessionId);
    }

    // ---- nodes ---------------------------------------------------------------------------------

    function releaseNode(uint256 minerSeed, bool manual) external acts {
        address m = _miner(minerSeed);
        vm.prank(manual ? user : address(0xBEEF));
        session.releaseNode(m, manual ? INodePoolTypes.ReleaseReason.Manual : INodePoolTypes.ReleaseReason.Period);
    }

    /// @dev A successful cognitive round for the miner (as Cognitive reports it): re-validates or admits.
    function admit(uint256 minerSeed) external acts {
        _admit(_miner(minerSeed));
    }

    /// @dev Lifts a ban, or (1 in 4) bans a miner.
    function ban(uint256 minerSeed, bool lift) external acts {
        address m = _miner(minerSeed);
        if (!lift && minerSeed % 4 != 0) return;
        vm.prank(owner);
        if (lift) pool.unban(m);
        else pool.ban(m);
    }

    function ping(uint256 minerSeed) external acts {
        vm.prank(_miner(minerSeed));
        pool.ping();
    }

    function unstake(uint256 minerSeed, uint256 amount) external acts {
        vm.prank(_miner(minerSeed));
        payment.unstake(bound(amount, 1, 1000e18));
    }

    function withdrawNodePayment(uint256 minerSeed) external acts {
        address who = minerSeed % 7 == 0 ? oracle : _miner(minerSeed);
        vm.prank(who);
        payment.withdrawNodePayment();
    }

    // ---- tasks ---------------------------------------------------------------------------------

    /// @dev The oracle assigns the first `redundant` nodes of the task's session, from a random offset.
    function assignTask(uint256 taskSeed, uint256 offset) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (!ok) return;
        _assignTask(sessionId, taskId, offset);
    }

    function ack(uint256 taskSeed, uint256 minerSeed) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (!ok) return;
        address m = _actor(sessionId, taskId, minerSeed);
        vm.prank(m);
        queue.ack(sessionId, taskId);
    }

    function precommit(uint256 taskSeed, uint256 minerSeed) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (!ok) return;
        address m = _actor(sessionId, taskId, minerSeed);
        bytes32 h = queue.getMinerBoundHash(m, sessionId, taskId, _salt(m), "r");
        vm.prank(m);
        queue.precommit(sessionId, taskId, h);
    }

    /// @dev An honest reveal, or (1 in 4) someone else's result: refused by the hash.
    function commit(uint256 taskSeed, uint256 minerSeed) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (!ok) return;
        address m = _actor(sessionId, taskId, minerSeed);
        bool honest = minerSeed % 4 != 0;
        vm.prank(m);
        queue.commit(sessionId, taskId, honest ? "r" : "copied", _salt(m), minerSeed % 40);
    }

    function endPhase(uint256 taskSeed) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (!ok) return;
        TaskStatus status = queue.getTaskStatus(sessionId, taskId);
        _endPhase(sessionId, taskId, status);
    }

    function validate(uint256 taskSeed, uint256 validMask) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (ok) _validate(sessionId, taskId, validMask);
    }

    /**
     * @dev Up to `steps` honest steps of one task, stopping at the first refusal (a deadline passed,
     * too few nodes): the oracle assigns, every miner plays its phase and the oracle closes it at
     * once, then verdicts (bit i of `validMask` for the i-th revealed result) and the end. Random
     * sequences alone rarely carry a task through six phases.
     */
    function advance(uint256 taskSeed, uint256 validMask, uint256 steps) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (!ok) return;
        steps = bound(steps, 1, 6);
        for (uint256 i = 0; i < steps; ++i) {
            TaskStatus status = queue.getTaskStatus(sessionId, taskId);
            if (status == TaskStatus.Ended) return;
            try this.stepExternal(sessionId, taskId, status, validMask) {}
            catch {
                return;
            }
        }
    }

    /// @dev One honest step from `status` (see {advance}); reverts when the step is refused.
    function stepExternal(uint256 sessionId, uint256 taskId, TaskStatus status, uint256 validMask) external {
        require(msg.sender == address(this));
        if (status == TaskStatus.Queued) return _assignTask(sessionId, taskId, validMask);
        if (status == TaskStatus.Committed) return _validate(sessionId, taskId, validMask);
        if (status == TaskStatus.Validated) {
            vm.prank(oracle);
            return queue.end(sessionId, taskId, false);
        }
        address[] memory assigned = queue.getTaskMiners(sessionId, taskId);
        for (uint256 i = 0; i < assigned.length; ++i) {
            address m = assigned[i];
            bytes32 h = queue.getMinerBoundHash(m, sessionId, taskId, _salt(m), "r");
            vm.prank(m);
            if (status == TaskStatus.Assigned) queue.ack(sessionId, taskId);
            else if (status == TaskStatus.Acked) queue.precommit(sessionId, taskId, h);
            else queue.commit(sessionId, taskId, "r", _salt(m), 10);
        }
        _endPhase(sessionId, taskId, status);
    }

    function end(uint256 taskSeed, bool forceEnd) external acts {
        (bool ok, uint256 sessionId, uint256 taskId) = _task(taskSeed);
        if (!ok) return;
        vm.prank(oracle);
        queue.end(sessionId, taskId, forceEnd);
    }

    /// @dev The honest oracle's duties for every open task (`getTaskDuty`), each refusal caught.
    function sweep() external {
        Params memory p = queue.getParams();
        for (uint256 i = 0; i < _taskIds.length; ++i) {
            (uint256 sessionId, uint256 taskId) = (_taskSessions[i], _taskIds[i]);
            TaskView memory t = queue.getTask(sessionId, taskId);
            if (t.status == TaskStatus.Ended) continue;
            if (block.timestamp >= uint256(t.createdAt) + p.totalTimeoutMs / 1000 && t.status != TaskStatus.Validated) {
                vm.prank(oracle);
                try queue.end(sessionId, taskId, true) {} catch {}
                continue;
            }
            if (t.status == TaskStatus.Queued) {
                try this.assignTaskExternal(sessionId, taskId, i) {} catch {}
            } else if (t.status == TaskStatus.Committed) {
                try this.validateExternal(sessionId, taskId, type(uint256).max) {} catch {}
                t = queue.getTask(sessionId, taskId);
            } else if (t.status != TaskStatus.Validated && t.phaseDeadline != 0 && block.timestamp >= t.phaseDeadline) {
                try this.endPhaseExternal(sessionId, taskId, t.status) {} catch {}
                t = queue.getTask(sessionId, taskId);
                if (t.status == TaskStatus.Committed) {
                    try this.validateExternal(sessionId, taskId, type(uint256).max) {} catch {}
                    t = queue.getTask(sessionId, taskId);
                }
            }
            if (t.status == TaskStatus.Validated) {
                vm.prank(oracle);
                try queue.end(sessionId, taskId, false) {} catch {}
            }
        }
        justSwept = true;
    }

    function warp(uint256 seed) external acts {
        uint256 step = seed % 12 == 0 ? bound(seed >> 8, 60, 320) : bound(seed >> 8, 1, 30);
        vm.warp(block.timestamp + step);
    }

    // ---- helpers the sweep calls through `this` (so try/catch can catch them) ------------------

    function assignTaskExternal(uint256 sessionId, uint256 taskId, uint256 offset) external {
        require(msg.sender == address(this));
        _assignTask(sessionId, taskId, offset);
    }

    function validateExternal(uint256 sessionId, uint256 taskId, uint256 validMask) external {
        require(msg.sender == address(this));
        _validate(sessionId, taskId, validMask);
    }

    function endPhaseExternal(uint256 sessionId, uint256 taskId, TaskStatus status) external {
        require(msg.sender == address(this));
        _endPhase(sessionId, taskId, status);
    }

    // ---- reads for the invariants --------------------------------------------------------------

    function taskCount() external view returns (uint256) {
        return _taskIds.length;
    }

    function taskAt(uint256 i) external view returns (uint256 sessionId, uint256 taskId) {
        return (_taskSessions[i], _taskIds[i]);
    }

    function miners() external view returns (address[MINERS] memory) {
        return _miners;
    }

    function saltOf(address m) external pure returns (bytes32) {
        return _salt(m);
    }

    // ---- internal ------------------------------------------------------------------------------

    function _assignTask(uint256 sessionId, uint256 taskId, uint256 offset) private {
        TaskView memory t = queue.getTask(sessionId, taskId);
        (address[] memory ephemeral, address[] memory dedicated) = session.getSessionNodes(sessionId);
        uint256 total = ephemeral.length + dedicated.length;
        address[] memory chosen = new address[](t.redundant);
        uint256 n;
        for (uint256 i = 0; i < total && n < t.redundant; ++i) {
            uint256 k = (offset + i) % total;
            address m = k < ephemeral.length ? ephemeral[k] : dedicated[k - ephemeral.length];
            if (!queue.isExcluded(sessionId, taskId, m)) chosen[n++] = m;
        }
        assembly ("memory-safe") {
            mstore(chosen, n) // shorter than redundant when the session lacks nodes: refused
        }
        vm.prank(oracle);
        queue.assignTask(sessionId, taskId, chosen);
    }

    function _endPhase(uint256 sessionId, uint256 taskId, TaskStatus status) private {
        vm.prank(oracle);
        if (status == TaskStatus.Assigned) queue.endAck(sessionId, taskId);
        else if (status == TaskStatus.Acked) queue.endPrecommit(sessionId, taskId);
        else queue.endCommit(sessionId, taskId);
    }

    /// @dev Verdicts for the miners that revealed: bit i of `validMask` for the i-th of them.
    function _validate(uint256 sessionId, uint256 taskId, uint256 validMask) private {
        address[] memory assigned = queue.getTaskMiners(sessionId, taskId);
        address[] memory revealed = new address[](assigned.length);
        uint256 n;
        for (uint256 i = 0; i < assigned.length; ++i) {
            if (queue.getTaskResultState(sessionId, taskId, assigned[i]) == uint8(MinerResultState.Committed)) {
                revealed[n++] = assigned[i];
            }
        }
        assembly ("memory-safe") {
            mstore(revealed, n)
        }
        bool[] memory valid = new bool[](n);
        for (uint256 i = 0; i < n; ++i) {
            valid[i] = (validMask >> i) & 1 == 1;
        }
        vm.prank(oracle);
        queue.validate(sessionId, taskId, revealed, valid, new int256[](n));
    }

    /// @dev Assigns free pool miners one by one until the session holds `redundant` nodes (refusals ignored).
    function _fillSession(uint256 sessionId, uint256 seed) private {
        ISessionTypes.SessionConfig memory c = session.getSessionConfig(sessionId);
        (address[] memory ephemeral,) = session.getSessionNodes(sessionId);
        uint256 have = ephemeral.length;
        address[] memory one = new address[](1);
        for (uint256 i = 0; i < MINERS && have < c.redundant; ++i) {
            one[0] = _miners[(seed + i) % MINERS];
            vm.prank(oracle);
            try session.assignNodes(sessionId, one) {
                ++have;
            } catch {}
        }
    }

    function _admit(address m) private {
        vm.prank(cognitive);
        pool.recordCognitiveOutcome(m, _round++, true);
    }

    function _session(uint256 seed) private view returns (uint256) {
        uint256 count = session.getSessionCount();
        return count == 0 ? 1 : seed % count + 1;
    }

    function _task(uint256 seed) private view returns (bool, uint256, uint256) {
        if (_taskIds.length == 0) return (false, 0, 0);
        uint256 i = seed % _taskIds.length;
        return (true, _taskSessions[i], _taskIds[i]);
    }

    function _miner(uint256 seed) private view returns (address) {
        return _miners[seed % MINERS];
    }

    /// @dev Mostly one of the task's miners, sometimes any miner.
    function _actor(uint256 sessionId, uint256 taskId, uint256 seed) private view returns (address) {
        address[] memory assigned = queue.getTaskMiners(sessionId, taskId);
        if (assigned.length == 0 || seed % 8 == 0) return _miner(seed >> 3);
        return assigned[seed % assigned.length];
    }

    function _salt(address m) private pure returns (bytes32) {
        return keccak256(abi.encode("salt", m));
    }
}
