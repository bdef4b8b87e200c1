// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: Session is SessionV2 held to `protocol/session` and the world's session rules: creation
// (also through the published 13-argument selector), updates, ownership, routers, dedicated and
// ephemeral nodes (reserved in NodePool), submission (escrow in SessionPayment, task in
// SessionQueue), release and deactivation; every revert path with the spec's code.
// Method: the whole protocol deployed by SystemFixture; unit tests per entry point checking the
// session and the modules it moves; one `test_RevertWhen_…` per refusal.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {INodePoolErrors, INodePoolTypes} from "../src/interfaces/INodePool.sol";
import {IOracleRegistryErrors} from "../src/interfaces/IOracleRegistry.sol";
import {ISessionErrors, ISessionEvents, ISessionV2} from "../src/interfaces/ISession.sol";
import {ISessionPaymentErrors, ISessionPaymentTypes} from "../src/interfaces/ISessionPayment.sol";
import {ISessionQueueForSession, ISessionQueueTypes} from "../src/interfaces/ISessionQueue.sol";
import {SystemFixture} from "./utils/SystemFixture.sol";

contract SessionTest is SystemFixture, ISessionEvents, ISessionErrors {
    address internal stranger = makeAddr("stranger");
    address internal routerA = makeAddr("routerA");

    function _config(uint256 sessionId) internal view returns (SessionConfig memory) {
        return session.getSessionConfig(sessionId);
    }

    function _status(uint256 sessionId) internal view returns (SessionStatus) {
        return session.getSession(sessionId).status;
    }

    function _one(address a) internal pure returns (address[] memory l) {
        l = new address[](1);
        l[0] = a;
    }

    function _create(uint256[5] memory counts, bool reserve, uint256[4] memory terms) internal returns (uint256) {
        vm.prank(user);
        return session.createSession("name", "meta", user, counts, reserve, terms);
    }

    function _submitAs(address who, uint256 sessionId, uint256[] memory llm) internal returns (uint256) {
        vm.prank(who);
        return session.submit(sessionId, 0, "prompt", 1, "", llm, new uint256[](0), "ref");
    }

    // ---- create --------------------------------------------------------------------------------

    function test_CreateSession_StoresTheConfigAndOpensTheAccount() public {
        vm.expectEmit(address(session));
        emit SessionCreated(1, user, new address[](0));
        uint256 id = _create([uint256(2), 3, 2, 1, 2], true, [uint256(1), MODEL, 300_000, 5]);
        assertEq(id, 1);
        assertEq(session.getSessionCount(), 1);
        assertTrue(session.doesSessionExist(1));
        assertFalse(session.doesSessionExist(2));
        assertFalse(session.doesSessionExist(0));
        SessionView memory v = session.getSession(1);
        assertEq(v.id, 1);
        assertEq(uint8(v.status), uint8(SessionStatus.Created));
        assertEq(v.owner, user);
        assertEq(v.createdAt, T0);
        SessionConfig memory c = _config(1);
        assertEq(c.name, "name");
        assertEq(c.metadata, "meta");
        assertEq(c.variableAddress, user);
        assertEq(c.minNumOfNodes, 2);
        assertEq(c.maxNumOfNodes, 3);
        assertEq(c.redundant, 2);
        assertEq(c.numOfValidatorNodes, 1);
        assertEq(uint8(c.mode), uint8(SessionMode.Hybrid));
        assertTrue(c.reserveEphemeralNodes);
        assertEq(c.sla, 1);
        assertEq(c.modelIdentifier, MODEL);
        assertEq(c.reservePeriodMs, 300_000);
        assertEq(c.maxTaskExecutionCount, 5);
        assertEq(payment.getSessionAccount(1).owner, user);
    }

    function test_Create_ThePublishedSelectorTakesTheSameCalldata() public {
        bytes memory args = abi.encode("v2", "", user, [uint256(1), 3, 1, 0, 0], false, [uint256(0), MODEL, 300_000, 5]);
        vm.prank(user);
        (bool ok, bytes memory ret) = address(session).call(abi.encodePacked(ISessionV2.create.selector, args));
        assertTrue(ok);
        assertEq(abi.decode(ret, (uint256)), 1);
        assertEq(_config(1).name, "v2");
        assertEq(session.getSession(1).owner, user);
        assertEq(
            ISessionV2.create.selector,
            bytes4(keccak256("create(string,string,address,uint256,uint256,uint256,uint256,uint256,bool,uint256,uint256,uint256,uint256)"))
        );
    }

    function test_RevertWhen_AnUnknownSelectorIsCalled() public {
        (bool ok, bytes memory data) = address(session).call(abi.encodeWithSelector(bytes4(0xdeadbeef)));
        assertFalse(ok);
        assertEq(data, abi.encodeWithSelector(SessionUnknownFunction.selector, bytes4(0xdeadbeef)));
    }

    function test_RevertWhen_CreateConfigIsInvalid() public {
        uint256 safe = 2 ** 53;
        // [counts], reserve, [terms], the field named, its value — in the order they are checked.
        _expectInvalid([uint256(0), 3, 1, 0, 0], false, [uint256(0), MODEL, 1, 1], ConfigField.MinNumOfNodes, 0);
        _expectInvalid([uint256(257), 300, 1, 0, 0], false, [uint256(0), MODEL, 1, 1], ConfigField.MinNumOfNodes, 257);
        _expectInvalid([uint256(2), 1, 1, 0, 0], false, [uint256(0), MODEL, 1, 1], ConfigField.MaxNumOfNodes, 1);
        _expectInvalid([uint256(1), 2 ** 32 + 2, 1, 0, 0], false, [uint256(0), MODEL, 1, 1], ConfigField.MaxNumOfNodes, 2 ** 32 + 2);
        _expectInvalid([uint256(1), 2, 0, 0, 0], false, [uint256(0), MODEL, 1, 1], ConfigField.Redundant, 0);
        _expectInvalid([uint256(1), 2, 3, 0, 0], false, [uint256(0), MODEL, 1, 1], ConfigField.Redundant, 3);
        _expectInvalid([uint256(1), 2, 1, 17, 0], false, [uint256(0), MODEL, 1, 1], ConfigField.NumOfValidatorNodes, 17);
        _expectInvalid([uint256(1), 2, 1, 0, 3], false, [uint256(0), MODEL, 1, 1], ConfigField.Mode, 3);
        _expectInvalid([uint256(1), 2, 1, 0, 1], true, [uint256(0), MODEL, 1, 1], ConfigField.ReserveEphemeralNodes, 1);
        _expectInvalid([uint256(1), 2, 1, 0, 0], false, [uint256(11), MODEL, 1, 1], ConfigField.Sla, 11);
        _expectInvalid([uint256(1), 2, 1, 0, 0], false, [uint256(0), safe, 1, 1], ConfigField.ModelIdentifier, safe);
        _expectInvalid([uint256(1), 2, 1, 0, 0], false, [uint256(0), MODEL, 0, 1], ConfigField.ReservePeriod, 0);
        _expectInvalid([uint256(1), 2, 1, 0, 0], false, [uint256(0), MODEL, 86_400_001, 1], ConfigField.ReservePeriod, 86_400_001);
        _expectInvalid([uint256(1), 2, 1, 0, 0], false, [uint256(0), MODEL, 1, 0], ConfigField.MaxTaskExecutionCount, 0);
        _expectInvalid([uint256(1), 2, 1, 0, 0], false, [uint256(0), MODEL, 1, 1001], ConfigField.MaxTaskExecutionCount, 1001);
    }

    function _expectInvalid(uint256[5] memory counts, bool reserve, uint256[4] memory terms, ConfigField field, uint256 value) internal {
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, field, value));
        session.createSession("n", "", user, counts, reserve, terms);
    }

    function test_RevertWhen_CreateStringsAreOutOfBounds() public {
        vm.startPrank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.Name, 0));
        session.createSession("", "", user, [uint256(1), 1, 1, 0, 0], false, [uint256(0), 0, 1, 1]);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.Name, 257));
        session.createSession(string(new bytes(257)), "", user, [uint256(1), 1, 1, 0, 0], false, [uint256(0), 0, 1, 1]);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.Metadata, 4097));
        session.createSession("n", string(new bytes(4097)), user, [uint256(1), 1, 1, 0, 0], false, [uint256(0), 0, 1, 1]);
        vm.stopPrank();
    }

    function test_Create_MeasuresStringsInUtf8Bytes() public {
        SessionParams memory p = session.getParams();
        p.maxNameBytes = 4;
        vm.prank(owner);
        session.setParams(p);
        vm.startPrank(user);
        session.createSession(unicode"éé", "", user, [uint256(1), 1, 1, 0, 0], false, [uint256(0), 0, 1, 1]); // 4 bytes
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.Name, 5));
        session.createSession(unicode"éé!", "", user, [uint256(1), 1, 1, 0, 0], false, [uint256(0), 0, 1, 1]);
        vm.stopPrank();
    }

    // ---- update and ownership ------------------------------------------------------------------

    function test_Update_ChangesTheConfigAndTheStatus() public {
        uint256 id = _createSession(1, 3);
        address[] memory miners = _pooledMiners(1);
        _assign(id, miners);
        assertEq(uint8(_status(id)), uint8(SessionStatus.Ready));
        vm.expectEmit(address(session));
        emit SessionUpdated(id, user, 2, 4, 2);
        vm.prank(user);
        session.update("renamed", "m2", id, 2, 4, 2, 3, 2);
        SessionConfig memory c = _config(id);
        assertEq(c.name, "renamed");
        assertEq(c.maxNumOfNodes, 4);
        assertEq(c.numOfValidatorNodes, 3);
        assertEq(uint8(c.mode), uint8(SessionMode.Hybrid));
        assertEq(c.reservePeriodMs, 300_000, "not updatable");
        assertEq(uint8(_status(id)), uint8(SessionStatus.Created), "1 node < new minimum 2");
        vm.prank(user);
        session.update("renamed", "m2", id, 1, 4, 1, 0, 0);
        assertEq(uint8(_status(id)), uint8(SessionStatus.Ready));
    }

    function test_RevertWhen_UpdateDoesNotFitTheNodes() public {
        uint256 id = _createSession(1, 3);
        address[] memory miners = _pooledMiners(2);
        _assign(id, miners);
        vm.startPrank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.MaxNumOfNodes, 1));
        session.update("n", "", id, 1, 1, 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.Mode, 1));
        session.update("n", "", id, 1, 3, 1, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.Redundant, 4));
        session.update("n", "", id, 1, 3, 4, 0, 0);
        vm.stopPrank();
    }

    function test_RevertWhen_UpdateModeDropsDedicatedNodes() public {
        vm.prank(user);
        uint256 id = session.createSession("d", "", user, [uint256(1), 3, 1, 0, 1], false, [uint256(0), MODEL, 300_000, 5]);
        address m = _pooledMiner(1);
        vm.prank(user);
        session.addDedicatedNode(id, m);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidConfig.selector, ConfigField.Mode, 0));
        session.update("d", "", id, 1, 3, 1, 0, 0);
    }

    function test_RevertWhen_UpdateOrOwnerCallsAreRefused() public {
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownSession.selector, 1));
        session.update("n", "", 1, 1, 1, 1, 0, 0);
        uint256 id = _createSession(1, 3);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionNotOwner.selector, id, stranger));
        session.update("n", "", id, 1, 1, 1, 0, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionNotOwner.selector, id, stranger));
        session.updateOwner(id, stranger);
        vm.prank(user);
        vm.expectRevert(SessionZeroOwner.selector);
        session.updateOwner(id, address(0));
        vm.prank(user);
        session.deactivateSession(id);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionInactive.selector, id));
        session.update("n", "", id, 1, 1, 1, 0, 0);
    }

    function test_UpdateOwner_MovesTheSessionAndItsAccount() public {
        uint256 id = _createSession(1, 3);
        vm.expectEmit(address(session));
        emit SessionOwnerUpdated(id, user, stranger);
        vm.prank(user);
        session.updateOwner(id, stranger);
        assertEq(session.getSession(id).owner, stranger);
        assertEq(payment.getSessionAccount(id).owner, stranger);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionNotOwner.selector, id, user));
        session.addRouter(id, routerA, "");
    }

    // ---- routers -------------------------------------------------------------------------------

    function test_Routers_AddAndRemoveInOrder() public {
        uint256 id = _createSession(1, 3);
        vm.expectEmit(address(session));
        emit RouterAdded(id, routerA, "https://a");
        vm.startPrank(user);
        session.addRouter(id, routerA, "https://a");
        session.addRouter(id, stranger, "b");
        session.addRouter(id, oracle, "c");
        vm.expectEmit(address(session));
        emit RouterRemoved(id, stranger);
        session.removeRouter(id, stranger);
        vm.stopPrank();
        (address[] memory routers, string[] memory metadatas) = session.getRouters(id);
        assertEq(routers.length, 2);
        assertEq(routers[1], oracle);
        assertEq(metadatas[0], "https://a");
        assertEq(metadatas[1], "c");
        assertTrue(session.isRouter(id, routerA));
        assertFalse(session.isRouter(id, stranger));
    }

    function test_RevertWhen_RouterCallsAreRefused() public {
        uint256 id = _createSession(1, 3);
        vm.startPrank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionStringTooLong.selector, InputField.RouterMetadata, 1025, 1024));
        session.addRouter(id, routerA, string(new bytes(1025)));
        session.addRouter(id, routerA, "");
        vm.expectRevert(abi.encodeWithSelector(SessionRouterExists.selector, id, routerA));
        session.addRouter(id, routerA, "");
        vm.expectRevert(abi.encodeWithSelector(SessionNotRouter.selector, id, stranger));
        session.removeRouter(id, stranger);
        for (uint256 i = 0; i < 7; ++i) {
            session.addRouter(id, address(uint160(0xF00 + i)), "");
        }
        vm.expectRevert(abi.encodeWithSelector(SessionTooManyRouters.selector, id, 8));
        session.addRouter(id, stranger, "");
        vm.stopPrank();
    }

    // ---- ephemeral nodes -----------------------------------------------------------------------

    function test_AssignNodes_ReservesThemAndMakesTheSessionReady() public {
        uint256 id = _createSession(2, 3);
        address[] memory miners = _pooledMiners(2);
        vm.expectEmit(address(session));
        emit NewNodeAssignedToSession(id, miners, 2, 0);
        _assign(id, miners);
        (address[] memory ephemeral,) = session.getSessionNodes(id);
        assertEq(ephemeral.length, 2);
        assertEq(ephemeral[1], miners[1]);
        assertTrue(session.isSessionNode(id, miners[0]));
        assertEq(uint8(_status(id)), uint8(SessionStatus.Ready));
        assertEq(uint8(pool.getStatus(miners[0])), uint8(INodePoolTypes.NodeStatus.Reserved));
        INodePoolTypes.NodeView memory v = pool.getNode(miners[0]);
        assertEq(v.sessionId, id);
        assertEq(v.reservePeriodMs, 300_000);
        assertEq(v.maxTaskExecutionCount, 5);
        assertEq(session.getSession(id).ephemeralNodeCount, 2);
    }

    function test_RevertWhen_AssignNodesIsRefused() public {
        uint256 id = _createSession(1, 2);
        address[] memory miners = _pooledMiners(3);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownSession.selector, 9));
        session.assignNodes(9, miners);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IOracleRegistryErrors.OracleRegistryNotOracle.selector, stranger));
        session.assignNodes(id, miners);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolUnknownNode.selector, stranger));
        session.assignNodes(id, _one(stranger));
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionEmptyInput.selector, InputField.Nodes));
        session.assignNodes(id, new address[](0));
        address[] memory twice = new address[](2);
        (twice[0], twice[1]) = (miners[0], miners[0]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionDuplicateNode.selector, id, miners[0]));
        session.assignNodes(id, twice);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionFull.selector, id, 3, 2));
        session.assignNodes(id, miners);
        _assign(id, _one(miners[0]));
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolNodeReserved.selector, miners[0], id));
        session.assignNodes(id, _one(miners[0]));
    }

    function test_RevertWhen_AssignNodesToADedicatedOrClosedSession() public {
        vm.prank(user);
        uint256 dedicated = session.createSession("d", "", user, [uint256(1), 3, 1, 0, 1], false, [uint256(0), MODEL, 300_000, 5]);
        address m = _pooledMiner(1);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionWrongMode.selector, dedicated, SessionMode.Dedicated));
        session.assignNodes(dedicated, _one(m));
        uint256 id = _createSession(1, 3);
        vm.prank(user);
        session.deactivateSession(id);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(SessionInactive.selector, id));
        session.assignNodes(id, _one(m));
    }

    function test_RevertWhen_AssignNodesNotSelectable() public {
        uint256 id = _createSession(1, 3);
        address m = _miner(1);
        _registerMiner(m);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolNodeNotAvailable.selector, m, INodePoolTypes.NodeStatus.Registered));
        session.assignNodes(id, _one(m));
        vm.prank(user);
        uint256 highSla = session.createSession("h", "", user, [uint256(1), 3, 1, 0, 0], false, [uint256(2), MODEL, 300_000, 5]);
        _admit(m);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolLevelTooLow.selector, m, 0, 2));
        session.assignNodes(highSla, _one(m));
    }

    function test_ReleaseNode_AnyoneOnceDueAndTheSessionFollows() public {
        uint256 id = _createSession(1, 3);
        address[] memory miners = _pooledMiners(1);
        _assign(id, miners);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolReleaseNotDue.selector, miners[0], INodePoolTypes.ReleaseReason.Period));
        session.releaseNode(miners[0], INodePoolTypes.ReleaseReason.Period);
        vm.warp(T0 + 300);
        vm.expectEmit(address(session));
        emit NodeReleased(miners[0], id);
        vm.prank(stranger);
        session.releaseNode(miners[0], INodePoolTypes.ReleaseReason.Period);
        assertFalse(session.isSessionNode(id, miners[0]));
        assertEq(uint8(_status(id)), uint8(SessionStatus.Created));
        assertEq(uint8(pool.getStatus(miners[0])), uint8(INodePoolTypes.NodeStatus.PendingRevalidation));
    }

    function test_ReleaseNode_ManualByTheOwnerOrAnOracle() public {
        uint256 id = _createSession(1, 3);
        address[] memory miners = _pooledMiners(2);
        _assign(id, miners);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionNotOwnerOrOracle.selector, id, stranger));
        session.releaseNode(miners[0], INodePoolTypes.ReleaseReason.Manual);
        vm.prank(user);
        session.releaseNode(miners[0], INodePoolTypes.ReleaseReason.Manual);
        vm.prank(oracle);
        session.releaseNode(miners[1], INodePoolTypes.ReleaseReason.Manual);
        (address[] memory ephemeral,) = session.getSessionNodes(id);
        assertEq(ephemeral.length, 0);
    }

    function test_RevertWhen_ReleaseNodeIsRefused() public {
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownNode.selector, 0, stranger));
        session.releaseNode(stranger, INodePoolTypes.ReleaseReason.Manual);
        address m = _pooledMiner(1);
        vm.expectRevert(abi.encodeWithSelector(SessionNodeNotReserved.selector, m));
        session.releaseNode(m, INodePoolTypes.ReleaseReason.Manual);
        uint256 id = _createSession(1, 3);
        _assign(id, _one(m));
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionReleaseWithDeactivation.selector, m));
        session.releaseNode(m, INodePoolTypes.ReleaseReason.Deactivated);
    }

    // ---- dedicated nodes -----------------------------------------------------------------------

    function test_DedicatedNodes_AddAndRemoveOnBothSides() public {
        vm.prank(user);
        uint256 id = session.createSession("d", "", user, [uint256(1), 3, 1, 0, 2], false, [uint256(0), MODEL, 300_000, 5]);
        address m = _miner(1);
        _registerMiner(m);
        vm.expectEmit(address(session));
        emit DedicatedNodeAdded(id, m);
        vm.prank(user);
        session.addDedicatedNode(id, m);
        (, address[] memory dedicated) = session.getSessionNodes(id);
        assertEq(dedicated[0], m);
        assertEq(uint8(_status(id)), uint8(SessionStatus.Ready));
        assertEq(pool.getNode(m).dedicatedSessions[0], id);
        vm.expectEmit(address(session));
        emit DedicatedNodeRemoved(id, m);
        vm.prank(user);
        session.removeDedicatedNode(id, m);
        assertEq(pool.getNode(m).dedicatedSessions.length, 0);
        assertEq(uint8(_status(id)), uint8(SessionStatus.Created));
    }

    function test_RevertWhen_DedicatedNodeCallsAreRefused() public {
        uint256 ephemeral = _createSession(1, 3);
        vm.prank(user);
        uint256 id = session.createSession("d", "", user, [uint256(1), 1, 1, 0, 1], false, [uint256(0), MODEL, 300_000, 5]);
        address m = _miner(1);
        address m2 = _miner(2);
        vm.startPrank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownSession.selector, 99));
        session.addDedicatedNode(99, m);
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownNode.selector, id, m));
        session.addDedicatedNode(id, m);
        vm.stopPrank();
        _registerMiner(m);
        _registerMiner(m2);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionNotOwner.selector, id, stranger));
        session.addDedicatedNode(id, m);
        vm.startPrank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionWrongMode.selector, ephemeral, SessionMode.Ephemeral));
        session.addDedicatedNode(ephemeral, m);
        session.addDedicatedNode(id, m);
        vm.expectRevert(abi.encodeWithSelector(SessionNodeAlreadyInSession.selector, id, m));
        session.addDedicatedNode(id, m);
        vm.expectRevert(abi.encodeWithSelector(SessionFull.selector, id, 2, 1));
        session.addDedicatedNode(id, m2);
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownNode.selector, id, m2));
        session.removeDedicatedNode(id, m2);
        vm.stopPrank();
        vm.prank(owner);
        pool.ban(m2);
        vm.prank(user);
        session.removeDedicatedNode(id, m);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolNodeBanned.selector, m2));
        session.addDedicatedNode(id, m2);
    }

    // ---- submit --------------------------------------------------------------------------------

    function test_Submit_EscrowsAndQueues() public {
        uint256 id = _createSession(2, 3);
        _fund(id, 1e18);
        _assign(id, _pooledMiners(2));
        uint256[] memory llm = new uint256[](1);
        llm[0] = 64;
        vm.expectEmit(address(session));
        emit TaskSubmitted(id, 0, "prompt", "ref");
        uint256 taskId = _submitAs(user, id, llm);
        assertEq(taskId, 0);
        assertEq(session.getSession(id).nextTaskId, 1);
        // Escrow: 2 miners × 0.1 COR (no per-token price by default).
        ISessionPaymentTypes.TaskEscrow memory e = payment.getTaskEscrow(id, 0);
        assertEq(e.amount, 2e17);
        assertEq(payment.getSessionAccount(id).available, 8e17);
        ISessionQueueTypes.TaskView memory t = queue.getTask(id, 0);
        assertEq(t.redundant, 2);
        assertEq(t.maxTokens, 64);
        assertEq(t.escrow, 2e17);
        assertEq(t.modelId, MODEL);
        assertEq(t.router, address(0));
        assertEq(t.taskData, "prompt");
    }

    function test_Submit_ByARouterMakesItTheTasksRouterAndPricesTokens() public {
        uint256 id = _createSession(1, 3);
        _fund(id, 1e18);
        _assign(id, _pooledMiners(1));
        vm.prank(user);
        session.addRouter(id, routerA, "");
        vm.prank(owner);
        queue.setPricing(1e16, 1e12);
        uint256 taskId = _submitAs(routerA, id, new uint256[](0)); // default maxTokens 1024
        ISessionQueueTypes.TaskView memory t = queue.getTask(id, taskId);
        assertEq(t.router, routerA);
        assertEq(t.maxTokens, 1024);
        assertEq(t.escrow, 1e16 + 1e12 * 1024);
    }

    function test_RevertWhen_SubmitIsRefusedBeforeItsInputs() public {
        uint256[] memory none = new uint256[](0);
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownSession.selector, 1));
        _submitAs(user, 1, none);
        uint256 id = _createSession(1, 3);
        vm.expectRevert(abi.encodeWithSelector(SessionWrongPhase.selector, id, SessionStatus.Created));
        _submitAs(user, id, none);
        _assign(id, _pooledMiners(1));
        vm.expectRevert(abi.encodeWithSelector(SessionNotRouter.selector, id, stranger));
        _submitAs(stranger, id, none);
        vm.expectRevert(abi.encodeWithSelector(ISessionPaymentErrors.SessionPaymentInsufficientBalance.selector, 0, 1e17));
        _submitAs(user, id, none);
        vm.prank(user);
        session.deactivateSession(id);
        vm.expectRevert(abi.encodeWithSelector(SessionInactive.selector, id));
        _submitAs(user, id, none);
    }

    function test_RevertWhen_SubmitInputsAreMalformed() public {
        uint256 id = _createSession(1, 3);
        _fund(id, 1e18);
        _assign(id, _pooledMiners(1));
        uint256[] memory none = new uint256[](0);
        vm.startPrank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidInteger.selector, InputField.NodeType, 0, 2));
        session.submit(id, 2, "p", 0, "", none, none, "");
        vm.expectRevert(abi.encodeWithSelector(SessionWrongMode.selector, id, SessionMode.Ephemeral));
        session.submit(id, 1, "p", 0, "", none, none, "");
        vm.expectRevert(abi.encodeWithSelector(SessionEmptyInput.selector, InputField.TaskData));
        session.submit(id, 0, "", 0, "", none, none, "");
        vm.expectRevert(abi.encodeWithSelector(SessionStringTooLong.selector, InputField.TaskData, 65_537, 65_536));
        session.submit(id, 0, string(new bytes(65_537)), 0, "", none, none, "");
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidInteger.selector, InputField.PromptType, 0, 2 ** 53));
        session.submit(id, 0, "p", 2 ** 53, "", none, none, "");
        vm.expectRevert(abi.encodeWithSelector(SessionStringTooLong.selector, InputField.PromptTemplate, 16_385, 16_384));
        session.submit(id, 0, "p", 0, string(new bytes(16_385)), none, none, "");
        vm.expectRevert(abi.encodeWithSelector(SessionStringTooLong.selector, InputField.ClientReference, 257, 256));
        session.submit(id, 0, "p", 0, "", none, none, string(new bytes(257)));
        vm.expectRevert(abi.encodeWithSelector(SessionTooManyEntries.selector, InputField.RequestParams, 17, 16));
        session.submit(id, 0, "p", 0, "", none, new uint256[](17), "");
        uint256[] memory bad = new uint256[](2);
        bad[1] = 2 ** 53;
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidInteger.selector, InputField.RequestParams, 1, 2 ** 53));
        session.submit(id, 0, "p", 0, "", none, bad, "");
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidInteger.selector, InputField.LlmParams, 1, 2 ** 53));
        session.submit(id, 0, "p", 0, "", bad, none, "");
        vm.expectRevert(abi.encodeWithSelector(SessionTooManyEntries.selector, InputField.LlmParams, 17, 16));
        session.submit(id, 0, "p", 0, "", new uint256[](17), none, "");
        vm.stopPrank();
    }

    function test_RevertWhen_SubmitLlmParamsAreOutOfRange() public {
        uint256 id = _createSession(1, 3);
        _fund(id, 1e18);
        _assign(id, _pooledMiners(1));
        uint256[6] memory maxima = [uint256(32_768), 200, 100, 1000, 200, 200];
        for (uint256 i = 0; i < 6; ++i) {
            uint256[] memory llm = new uint256[](7);
            llm[0] = 1;
            llm[i] = maxima[i] + 1;
            vm.expectRevert(abi.encodeWithSelector(SessionLlmParamOutOfRange.selector, i, maxima[i] + 1, maxima[i]));
            _submitAs(user, id, llm);
        }
        uint256[] memory zero = new uint256[](1);
        vm.expectRevert(abi.encodeWithSelector(SessionLlmParamOutOfRange.selector, 0, 0, 32_768));
        _submitAs(user, id, zero);
        uint256[] memory ok = new uint256[](7);
        (ok[0], ok[1], ok[2], ok[3], ok[4], ok[5], ok[6]) = (1024, 200, 100, 1000, 200, 200, 2 ** 53 - 1);
        _submitAs(user, id, ok); // the app's encoding at its bounds; reserved entries only need to be safe integers
    }

    // ---- deactivation --------------------------------------------------------------------------

    function test_DeactivateSession_ReleasesAndDetachesEveryNode() public {
        vm.prank(user);
        uint256 id = session.createSession("h", "", user, [uint256(1), 3, 1, 0, 2], false, [uint256(0), MODEL, 300_000, 5]);
        address[] memory miners = _pooledMiners(2);
        _assign(id, _one(miners[0]));
        vm.prank(user);
        session.addDedicatedNode(id, miners[1]);
        address[] memory both = new address[](2);
        (both[0], both[1]) = (miners[0], miners[1]);
        vm.expectEmit(address(session));
        emit NodeReleased(miners[0], id);
        vm.expectEmit(address(session));
        emit NodeReleased(miners[1], id);
        vm.expectEmit(address(session));
        emit SessionDeactivated(id, user, both);
        vm.prank(user);
        session.deactivateSession(id);
        SessionView memory v = session.getSession(id);
        assertEq(uint8(v.status), uint8(SessionStatus.Deactivated));
        assertEq(v.deactivatedAt, T0);
        assertEq(v.ephemeralNodeCount + v.dedicatedNodeCount, 0);
        assertFalse(session.isSessionNode(id, miners[0]));
        assertEq(uint8(pool.getStatus(miners[0])), uint8(INodePoolTypes.NodeStatus.PendingRevalidation));
        assertEq(pool.getNode(miners[1]).dedicatedSessions.length, 0);
    }

    function test_RevertWhen_DeactivateIsRefused() public {
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionUnknownSession.selector, 1));
        session.deactivateSession(1);
        uint256 id = _createSession(1, 3);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionNotOwner.selector, id, stranger));
        session.deactivateSession(id);
        vm.prank(user);
        session.deactivateSession(id);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionInactive.selector, id));
        session.deactivateSession(id);
    }

    // ---- module callbacks and administration ---------------------------------------------------

    function test_RevertWhen_CallbacksComeFromElsewhere() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionNotModule.selector, stranger));
        session.recordTaskExecuted(1, new address[](0));
        vm.expectRevert(abi.encodeWithSelector(SessionNotModule.selector, stranger));
        session.onNodeBanned(stranger, 1);
        vm.stopPrank();
    }

    function test_CheckAssignable_NeedsSessionNodesOnlineAndNotBanned() public {
        uint256 id = _createSession(1, 3);
        address[] memory miners = _pooledMiners(2);
        _assign(id, _one(miners[0]));
        session.checkAssignable(id, _one(miners[0]));
        vm.expectRevert(abi.encodeWithSelector(SessionNotSessionNode.selector, id, miners[1]));
        session.checkAssignable(id, _one(miners[1]));
        vm.warp(T0 + 180);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolNodeOffline.selector, miners[0]));
        session.checkAssignable(id, _one(miners[0]));
    }

    function test_SetParamsAndModules_AreTheOwners() public {
        SessionParams memory p = session.getParams();
        assertEq(p.maxNodesPerSession, 256);
        assertEq(p.maxRouters, 8);
        assertEq(p.defaultMaxTokens, 1024);
        p.defaultMaxTokens = p.maxTokensCap + 1;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidParam.selector, 11, p.maxTokensCap + 1));
        session.setParams(p);
        p.defaultMaxTokens = 10;
        p.maxParamEntries = 6;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(SessionInvalidParam.selector, 9, 6));
        session.setParams(p);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        session.setParams(p);
        vm.prank(owner);
        vm.expectRevert(SessionZeroAddress.selector);
        session.setModules(registry, pool, payment, ISessionQueueForSession(address(0)));
        (address r,,, address q) = session.getModules();
        assertEq(r, address(registry));
        assertEq(q, address(queue));
    }

    function test_GetTaskResults_ReadsTheQueue() public {
        uint256 id = _createSession(1, 3);
        _fund(id, 1e18);
        address[] memory miners = _pooledMiners(1);
        _assign(id, miners);
        uint256 taskId = _submit(id);
        _playTask(id, taskId, miners);
        (address[] memory ms, string[] memory results) = session.getTaskResults(id, taskId);
        assertEq(ms[0], miners[0]);
        assertEq(results[0], "the answer");
    }
}
