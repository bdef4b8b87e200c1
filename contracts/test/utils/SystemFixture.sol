// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Cognitive} from "../../src/Cognitive.sol";
import {CorToken} from "../../src/CorToken.sol";
import {NodePool} from "../../src/NodePool.sol";
import {OracleRegistry} from "../../src/OracleRegistry.sol";
import {Session} from "../../src/Session.sol";
import {SessionPayment} from "../../src/SessionPayment.sol";
import {SessionQueue} from "../../src/SessionQueue.sol";
import {INodePoolTypes} from "../../src/interfaces/INodePool.sol";
import {ISessionQueueForSession} from "../../src/interfaces/ISessionQueue.sol";

/**
 * @dev The whole protocol deployed and wired as `contracts/script/deploy.ts` wires it (one tick per
 * second from the origin 0, one oracle, the owner as ACL administrator), with the small pool
 * thresholds of `protocol/world/testkit.ts` (one successful round admits a node) and helpers that
 * play the honest parts: miners that register, stake and are admitted, sessions that are funded
 * and get nodes, and a user task played to its end.
 */
abstract contract SystemFixture is Test {
    uint256 internal constant T0 = 1_000_000;
    uint256 internal constant MODEL = 7;
    uint256 internal constant MIN_STAKE = 10_000e18;
    uint256 internal constant WINDOW_MS = 7 days * 1000;

    CorToken internal token;
    OracleRegistry internal registry;
    SessionPayment internal payment;
    NodePool internal pool;
    SessionQueue internal queue;
    Session internal session;
    Cognitive internal cognitive;

    address internal owner = makeAddr("owner");
    address internal oracle = makeAddr("oracle");
    address internal user = makeAddr("user");
    uint256 internal fakeRound = 1_000_000;

    function setUp() public virtual {
        vm.warp(T0);
        _deploy();
        _wire();
    }

    function _deploy() internal {
        token = new CorToken(owner);
        registry = new OracleRegistry(owner, 1000, 0);
        payment = new SessionPayment(owner, token);
        pool = new NodePool(owner, 1000, 0, WINDOW_MS, 28);
        queue = new SessionQueue(owner, 1000);
        session = new Session(owner);
        cognitive = new Cognitive(owner, 1000, 0);
    }

    function _wire() internal {
        vm.startPrank(owner);
        registry.registerOracle(oracle);
        registry.setModule(address(queue), true);
        registry.setModule(address(session), true);
        registry.setModule(address(cognitive), true);
        payment.setModules(address(session), address(queue), address(cognitive));
        pool.setModules(address(session), address(queue), address(cognitive), payment);
        queue.setModules(registry, payment, pool, session);
        queue.setSessionModule(address(session), true);
        session.setModules(registry, pool, payment, ISessionQueueForSession(address(queue)));
        cognitive.setModules(registry, pool, payment);
        INodePoolTypes.NodeParams memory p = pool.getParams();
        (p.minAttempts, p.minConsecutiveSuccesses) = (1, 1);
        pool.setParams(p);
        token.mint(user, 1_000_000e18);
        vm.stopPrank();
        vm.prank(user);
        token.approve(address(payment), type(uint256).max);
    }

    // ---- miners --------------------------------------------------------------------------------

    function _miner(uint256 i) internal pure returns (address) {
        return address(uint160(0x3113E40000 + i));
    }

    /// @dev Registered serving MODEL, staked the minimum, not admitted yet.
    function _registerMiner(address m) internal {
        uint256[] memory models = new uint256[](1);
        models[0] = MODEL;
        vm.prank(m);
        pool.register(models);
        vm.prank(owner);
        token.mint(m, MIN_STAKE);
        vm.startPrank(m);
        token.approve(address(payment), type(uint256).max);
        payment.stake(MIN_STAKE);
        vm.stopPrank();
    }

    /// @dev Registered, staked and admitted to the pool by one successful round (Cognitive's outcome).
    function _pooledMiner(uint256 i) internal returns (address m) {
        m = _miner(i);
        _registerMiner(m);
        _admit(m);
    }

    function _admit(address m) internal {
        vm.prank(address(cognitive));
        pool.recordCognitiveOutcome(m, fakeRound++, true);
    }

    function _pooledMiners(uint256 count) internal returns (address[] memory miners) {
        miners = new address[](count);
        for (uint256 i = 0; i < count; ++i) {
            miners[i] = _pooledMiner(i + 1);
        }
    }

    // ---- sessions ------------------------------------------------------------------------------

    /// @dev A session of `user`: ephemeral, `redundant` miners, up to `maxNodes`, 300 s and 5 tasks per node.
    function _createSession(uint256 redundant, uint256 maxNodes) internal returns (uint256 sessionId) {
        vm.prank(user);
        sessionId = session.createSession("s", "", user, [1, maxNodes, redundant, 0, 0], false, [0, MODEL, 300_000, 5]);
    }

    function _fund(uint256 sessionId, uint256 amount) internal {
        vm.prank(user);
        payment.depositToSession(sessionId, amount);
    }

    function _assign(uint256 sessionId, address[] memory nodes) internal {
        vm.prank(oracle);
        session.assignNodes(sessionId, nodes);
    }

    function _submit(uint256 sessionId) internal returns (uint256 taskId) {
        uint256[] memory llm = new uint256[](1);
        llm[0] = 64;
        vm.prank(user);
        taskId = session.submit(sessionId, 0, "prompt", 1, "", llm, new uint256[](0), "ref");
    }

    function _salt(address m, uint256 taskId) internal pure returns (bytes32) {
        return keccak256(abi.encode(m, taskId));
    }

    /// @dev Plays task `taskId` honestly to the end: every miner acks, precommits, reveals, all valid.
    function _playTask(uint256 sessionId, uint256 taskId, address[] memory miners) internal {
        vm.prank(oracle);
        queue.assignTask(sessionId, taskId, miners);
        for (uint256 i = 0; i < miners.length; ++i) {
            vm.prank(miners[i]);
            queue.ack(sessionId, taskId);
        }
        vm.prank(oracle);
        queue.endAck(sessionId, taskId);
        for (uint256 i = 0; i < miners.length; ++i) {
            bytes32 h = queue.getMinerBoundHash(miners[i], sessionId, taskId, _salt(miners[i], taskId), "the answer");
            vm.prank(miners[i]);
            queue.precommit(sessionId, taskId, h);
        }
        vm.prank(oracle);
        queue.endPrecommit(sessionId, taskId);
        for (uint256 i = 0; i < miners.length; ++i) {
            vm.prank(miners[i]);
            queue.commit(sessionId, taskId, "the answer", _salt(miners[i], taskId), 10);
        }
        vm.startPrank(oracle);
        queue.endCommit(sessionId, taskId);
        bool[] memory valid = new bool[](miners.length);
        for (uint256 i = 0; i < miners.length; ++i) {
            valid[i] = true;
        }
        queue.validate(sessionId, taskId, miners, valid, new int256[](miners.length));
        queue.end(sessionId, taskId, false);
        vm.stopPrank();
    }
}
