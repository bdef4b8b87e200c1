// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: the contracts wired together behave as `protocol/world` composes the machines: a task's
// end settles through SessionPayment (miners, the validating oracle, the router, the treasury),
// updates NodeStats and counts against reservations (releasing by task count in the same
// transaction); a ban drops a reserved node from its session; deactivation releases nodes while
// open tasks still end; slashing reaches stakes; a failed-over oracle leader takes over the work.
// Method: SystemFixture deploys everything as the deploy script does; each test plays one flow
// with honest and dishonest parts and checks every contract it touches.

import {ICognitiveTypes} from "../src/interfaces/ICognitive.sol";
import {INodePoolErrors, INodePoolTypes} from "../src/interfaces/INodePool.sol";
import {IOracleRegistryErrors} from "../src/interfaces/IOracleRegistry.sol";
import {ISessionErrors, ISessionTypes} from "../src/interfaces/ISession.sol";
import {ISessionPaymentTypes} from "../src/interfaces/ISessionPayment.sol";
import {ISessionQueueTypes} from "../src/interfaces/ISessionQueue.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract SystemTest is SystemFixture {
    uint8 internal constant ACK = uint8(INodePoolTypes.Metric.Ack);
    uint8 internal constant CORRECTNESS = uint8(INodePoolTypes.Metric.Correctness);

    function _ready(uint256 redundant, uint256 maxTasks) internal returns (uint256 id, address[] memory miners) {
        vm.prank(user);
        id = session.createSession("s", "", user, [uint256(1), 5, redundant, 0, 0], false, [uint256(0), MODEL, 300_000, maxTasks]);
        _fund(id, 10e18);
        miners = _pooledMiners(redundant);
        _assign(id, miners);
    }

    function _metric(address miner, uint8 metric) internal view returns (uint256 counter, uint256 points) {
        (uint64[10] memory c, uint64[10] memory p) = pool.getMetrics(miner);
        return (c[metric], p[metric]);
    }

    function test_AnHonestTask_PaysEveryRoleAndKeepsTheBooks() public {
        (uint256 id, address[] memory miners) = _ready(3, 5);
        address routerA = makeAddr("routerA");
        vm.prank(user);
        session.addRouter(id, routerA, "");
        uint256[] memory llm = new uint256[](1);
        llm[0] = 64;
        vm.prank(routerA);
        uint256 taskId = session.submit(id, 0, "prompt", 1, "", llm, new uint256[](0), "");
        _playTask(id, taskId, miners);
        uint256 charge = 3e17;
        ISessionPaymentTypes.TaskEscrow memory e = payment.getTaskEscrow(id, taskId);
        assertEq(uint8(e.status), uint8(ISessionPaymentTypes.EscrowStatus.Settled));
        assertEq(e.charged, charge);
        assertEq(payment.getNodeAccount(miners[0]).pending, charge * 8000 / 10_000 / 3);
        assertEq(payment.getNodeAccount(oracle).pending, charge / 10, "the validating oracle");
        assertEq(payment.getNodeAccount(routerA).pending, charge / 20);
        assertEq(payment.getSessionAccount(id).available, 10e18 - charge);
        (uint256 c, uint256 p) = _metric(miners[1], ACK);
        assertEq(c, 1);
        assertEq(p, 1);
        (, p) = _metric(miners[2], CORRECTNESS);
        assertEq(p, 1);
        assertEq(pool.getNode(miners[0]).tasksExecuted, 1);
        vm.prank(miners[0]);
        payment.withdrawNodePayment();
        assertEq(token.balanceOf(miners[0]), charge * 8000 / 10_000 / 3);
        ISessionPaymentTypes.NetworkAccount memory n = payment.getNetworkAccount();
        assertEq(token.balanceOf(address(payment)), n.deposited + n.staked - n.nodeWithdrawn - n.sessionWithdrawn - n.unstaked);
    }

    function test_TheLastCountedTask_ReleasesItsNodesInTheSameTransaction() public {
        (uint256 id, address[] memory miners) = _ready(2, 1);
        uint256 taskId = _submit(id);
        _playTask(id, taskId, miners);
        assertEq(uint8(pool.getStatus(miners[0])), uint8(INodePoolTypes.NodeStatus.PendingRevalidation));
        assertEq(uint8(pool.getStatus(miners[1])), uint8(INodePoolTypes.NodeStatus.PendingRevalidation));
        assertFalse(session.isSessionNode(id, miners[0]));
        assertEq(uint8(session.getSession(id).status), uint8(ISessionTypes.SessionStatus.Created));
    }

    function test_ABannedMiner_LeavesItsSessionAndItsTaskStillEnds() public {
        (uint256 id, address[] memory miners) = _ready(3, 5);
        uint256 taskId = _submit(id);
        vm.prank(oracle);
        queue.assignTask(id, taskId, miners);
        vm.prank(owner);
        pool.ban(miners[2]);
        assertFalse(session.isSessionNode(id, miners[2]));
        (address[] memory ephemeral,) = session.getSessionNodes(id);
        assertEq(ephemeral.length, 2);
        for (uint256 i = 0; i < 2; ++i) {
            vm.prank(miners[i]);
            queue.ack(id, taskId);
        }
        vm.warp(T0 + 15);
        vm.prank(oracle);
        queue.endAck(id, taskId);
        (uint256 c,) = _metric(miners[2], ACK);
        assertEq(c, 0, "a banned node takes no stats");
        vm.warp(T0 + 300);
        vm.prank(oracle);
        queue.end(id, taskId, true);
        assertEq(pool.getNode(miners[0]).tasksExecuted, 1);
        assertEq(uint8(payment.getTaskEscrow(id, taskId).status), uint8(ISessionPaymentTypes.EscrowStatus.Refunded));
    }

    function test_ABannedMiner_CannotBeAssigned() public {
        (uint256 id, address[] memory miners) = _ready(1, 5);
        uint256 taskId = _submit(id);
        address outsider = _pooledMiner(9);
        address[] memory one = new address[](1);
        one[0] = outsider;
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(ISessionErrors.SessionNotSessionNode.selector, id, outsider));
        queue.assignTask(id, taskId, one);
        vm.prank(owner);
        pool.ban(miners[0]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolNodeBanned.selector, miners[0]));
        queue.assignTask(id, taskId, miners);
    }

    function test_Deactivation_ReleasesNodesWhileAnOpenTaskStillEnds() public {
        (uint256 id, address[] memory miners) = _ready(2, 5);
        uint256 taskId = _submit(id);
        vm.prank(oracle);
        queue.assignTask(id, taskId, miners);
        vm.prank(user);
        session.deactivateSession(id);
        assertEq(uint8(pool.getStatus(miners[0])), uint8(INodePoolTypes.NodeStatus.PendingRevalidation));
        vm.warp(T0 + 300);
        vm.prank(oracle);
        queue.end(id, taskId, true);
        assertEq(pool.getNode(miners[0]).tasksExecuted, 0, "released before the task ended: not counted");
        assertEq(payment.getSessionAccount(id).available, 10e18);
        vm.prank(user);
        payment.withdrawSessionBalance(id, 10e18);
        assertEq(payment.getSessionAccount(id).withdrawn, 10e18);
    }

    function test_AWithheldReveal_SlashesTheRealStake() public {
        vm.prank(owner);
        queue.setSlashing(ISessionQueueTypes.Slashing.MissedReveal, 1000);
        (uint256 id, address[] memory miners) = _ready(3, 5);
        uint256 taskId = _submit(id);
        vm.prank(oracle);
        queue.assignTask(id, taskId, miners);
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(miners[i]);
            queue.ack(id, taskId);
        }
        vm.prank(oracle);
        queue.endAck(id, taskId);
        for (uint256 i = 0; i < 3; ++i) {
            bytes32 h = queue.getMinerBoundHash(miners[i], id, taskId, _salt(miners[i], taskId), "x");
            vm.prank(miners[i]);
            queue.precommit(id, taskId, h);
        }
        vm.prank(oracle);
        queue.endPrecommit(id, taskId);
        vm.prank(miners[0]);
        queue.commit(id, taskId, "x", _salt(miners[0], taskId), 1);
        vm.warp(T0 + 60);
        vm.prank(oracle);
        queue.endCommit(id, taskId);
        assertEq(payment.stakeOf(miners[1]), MIN_STAKE * 9 / 10);
        assertEq(payment.getNetworkAccount().treasury, MIN_STAKE / 5);
        assertEq(uint8(queue.getTaskStatus(id, taskId)), uint8(ISessionQueueTypes.TaskStatus.Queued), "requeued short of quorum");
    }

    function test_AFailedOverLeader_TakesOverTheWork() public {
        address second = address(uint160(oracle) + 1);
        vm.prank(owner);
        registry.registerOracle(second);
        (uint256 id, address[] memory miners) = _ready(1, 5);
        uint256 taskId = _submit(id);
        address leader = registry.getLeader();
        address other = leader == oracle ? second : oracle;
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IOracleRegistryErrors.OracleRegistryNotLeader.selector, other, leader));
        queue.assignTask(id, taskId, miners);
        vm.warp(registry.getRotationDueAt());
        registry.rotate();
        assertEq(registry.getLeader(), other);
        vm.prank(other);
        queue.assignTask(id, taskId, miners);
        assertEq(uint8(queue.getTaskStatus(id, taskId)), uint8(ISessionQueueTypes.TaskStatus.Assigned));
    }

    function test_ACognitiveRound_AdmitsItsMinersToThePool() public {
        address[5] memory ms;
        for (uint256 i = 0; i < 5; ++i) {
            ms[i] = _miner(20 + i);
            _registerMiner(ms[i]);
        }
        vm.prank(oracle);
        uint256 roundId = cognitive.request(ms[0]);
        vm.prank(ms[0]);
        cognitive.create(roundId, "d", "s");
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, ms[1]);
        string[] memory challenges = new string[](3);
        (challenges[0], challenges[1], challenges[2]) = ("a", "b", "c");
        vm.prank(ms[1]);
        cognitive.prepare(roundId, challenges);
        ICognitiveTypes.RoundParams memory p = cognitive.getParams();
        p.completers = 3;
        vm.prank(owner);
        cognitive.setParams(p);
        address[] memory cs = new address[](3);
        (cs[0], cs[1], cs[2]) = (ms[2], ms[3], ms[4]);
        vm.prank(oracle);
        cognitive.start(roundId, cs);
        vm.warp(T0 + 90);
        vm.prank(oracle);
        cognitive.endPrecommit(roundId); // nobody precommitted: the round ends for the completers
        assertEq(uint8(pool.getStatus(ms[0])), uint8(INodePoolTypes.NodeStatus.Available), "the creator delivered");
        assertEq(uint8(pool.getStatus(ms[1])), uint8(INodePoolTypes.NodeStatus.Available));
        assertEq(uint8(pool.getStatus(ms[2])), uint8(INodePoolTypes.NodeStatus.Probation));
    }
}
