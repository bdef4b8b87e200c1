// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: every rejection path of Cognitive reverts with the custom error that stands for the
// spec's rejection code, in the world's order of checks (round exists, oracle, picked miners
// eligible, then the round machine).
// Method: one `test_RevertWhen_…` per path on the smallest state that reaches it
// (CognitiveTestBase), asserting the exact revert data.

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ChainClock} from "../src/ChainClock.sol";
import {INodePoolErrors} from "../src/interfaces/INodePool.sol";
import {IOracleRegistryErrors} from "../src/interfaces/IOracleRegistry.sol";
import {ISessionPaymentQueue} from "../src/interfaces/ISessionPayment.sol";
import {CognitiveTestBase} from "./utils/CognitiveTestBase.sol";

contract CognitiveRevertsTest is CognitiveTestBase {
    address internal stranger = makeAddr("stranger");

    // ---- administration ------------------------------------------------------------------------

    function test_RevertWhen_SetParamsIsOutOfRange() public {
        RoundParams memory p = cognitive.getParams();
        p.requestDeadlineMs = 0;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidParam.selector, 0, 0));
        cognitive.setParams(p);
        p = cognitive.getParams();
        p.commitDeadlineMs = 1500;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ChainClock.ChainClockNotWholeTicks.selector, 1500, 1000));
        cognitive.setParams(p);
        p = cognitive.getParams();
        p.minCompleters = p.completers + 1;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidParam.selector, 6, p.completers + 1));
        cognitive.setParams(p);
        p = cognitive.getParams();
        p.slashBps = 10_001;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidParam.selector, 14, 10_001));
        cognitive.setParams(p);
        p = cognitive.getParams();
        p.maxPrompts = 101;
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidParam.selector, 7, 101));
        cognitive.setParams(p);
    }

    function test_RevertWhen_AdminCallsAreNotTheOwnersOrZero() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        cognitive.setModules(registry, pool, payment);
        RoundParams memory p = cognitive.getParams();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        cognitive.setParams(p);
        vm.stopPrank();
        vm.prank(owner);
        vm.expectRevert(CognitiveZeroAddress.selector);
        cognitive.setModules(registry, pool, ISessionPaymentQueue(address(0)));
        (address r, address n, address s) = cognitive.getModules();
        assertEq(r, address(registry));
        assertEq(n, address(pool));
        assertEq(s, address(payment));
    }

    // ---- request and create --------------------------------------------------------------------

    function test_RevertWhen_RequestIsNotByTheLeader() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IOracleRegistryErrors.OracleRegistryNotOracle.selector, stranger));
        cognitive.request(m[0]);
    }

    function test_RevertWhen_RequestPicksAnIneligibleCreator() public {
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolUnknownNode.selector, stranger));
        cognitive.request(stranger);
        vm.prank(owner);
        pool.ban(m[0]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolNodeBanned.selector, m[0]));
        cognitive.request(m[0]);
        vm.warp(T0 + 180);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolNodeOffline.selector, m[1]));
        cognitive.request(m[1]);
    }

    function test_RevertWhen_CreateIsRefused() public {
        vm.prank(m[0]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveUnknownRound.selector, 1));
        cognitive.create(1, "d", "s");
        uint256 roundId = _request();
        vm.startPrank(m[0]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidString.selector, roundId, 0, 0));
        cognitive.create(roundId, "", "s");
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidString.selector, roundId, 1, 257));
        cognitive.create(roundId, "d", string(new bytes(257)));
        vm.stopPrank();
        vm.prank(m[1]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveNotAssignedMiner.selector, roundId, m[1]));
        cognitive.create(roundId, "d", "s");
        vm.warp(T0 + 16);
        vm.prank(m[0]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveDeadlinePassed.selector, roundId, T0 + 15));
        cognitive.create(roundId, "d", "s");
    }

    function test_RevertWhen_CreateInTheWrongPhase() public {
        uint256 roundId = _toCreate();
        vm.prank(m[0]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.Create));
        cognitive.create(roundId, "d", "s");
    }

    function test_RevertWhen_RequestNextCreatorIsRefused() public {
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveUnknownRound.selector, 1));
        cognitive.requestNextCreator(1, m[5]);
        uint256 roundId = _request();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IOracleRegistryErrors.OracleRegistryNotOracle.selector, stranger));
        cognitive.requestNextCreator(roundId, m[5]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolUnknownNode.selector, stranger));
        cognitive.requestNextCreator(roundId, stranger);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitivePhaseNotOver.selector, roundId, T0 + 15));
        cognitive.requestNextCreator(roundId, m[5]);
        vm.warp(T0 + 15);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveMinerNotEligible.selector, roundId, m[0]));
        cognitive.requestNextCreator(roundId, m[0]); // it just failed this role
        vm.prank(oracle);
        cognitive.requestNextCreator(roundId, m[5]);
        vm.prank(m[5]);
        cognitive.create(roundId, "d", "s");
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.Create));
        cognitive.requestNextCreator(roundId, m[6]);
    }

    // ---- preparer ------------------------------------------------------------------------------

    function test_RevertWhen_AssignPreparerIsRefused() public {
        uint256 roundId = _request();
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.Request));
        cognitive.assignPreparer(roundId, m[1]);
        vm.prank(m[0]);
        cognitive.create(roundId, "d", "s");
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveMinerNotEligible.selector, roundId, m[0]));
        cognitive.assignPreparer(roundId, m[0]); // roles are exclusive
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitivePreparerAssigned.selector, roundId, m[1]));
        cognitive.assignPreparer(roundId, m[2]);
    }

    function test_RevertWhen_RequestNextPreparerIsRefused() public {
        uint256 roundId = _toCreate();
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveNoPreparer.selector, roundId));
        cognitive.requestNextPreparer(roundId, m[1]);
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitivePhaseNotOver.selector, roundId, T0 + 30));
        cognitive.requestNextPreparer(roundId, m[2]);
        vm.warp(T0 + 30);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveMinerNotEligible.selector, roundId, m[1]));
        cognitive.requestNextPreparer(roundId, m[1]);
    }

    function test_RevertWhen_PrepareIsRefused() public {
        uint256 roundId = _toCreate();
        vm.prank(m[1]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveNotAssignedMiner.selector, roundId, m[1]));
        cognitive.prepare(roundId, _challenges()); // nobody is the preparer yet
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        vm.startPrank(m[1]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongChallengeCount.selector, roundId, 2, 3));
        cognitive.prepare(roundId, new string[](2));
        string[] memory c = _challenges();
        c[1] = "";
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidString.selector, roundId, 2, 0));
        cognitive.prepare(roundId, c);
        vm.stopPrank();
        vm.prank(m[2]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveNotAssignedMiner.selector, roundId, m[2]));
        cognitive.prepare(roundId, _challenges());
        vm.warp(T0 + 31);
        vm.prank(m[1]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveDeadlinePassed.selector, roundId, T0 + 30));
        cognitive.prepare(roundId, _challenges());
    }

    // ---- start ---------------------------------------------------------------------------------

    function test_RevertWhen_StartIsRefused() public {
        uint256 roundId = _toCreate();
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.Create));
        cognitive.start(roundId, _completers());
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        vm.prank(m[1]);
        cognitive.prepare(roundId, _challenges());
        address[] memory two = new address[](2);
        (two[0], two[1]) = (m[2], m[3]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongCompleterCount.selector, roundId, 2, 3));
        cognitive.start(roundId, two);
        address[] memory cs = _completers();
        cs[2] = cs[0];
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveDuplicateMiner.selector, roundId, cs[0]));
        cognitive.start(roundId, cs);
        cs[2] = m[1]; // the preparer
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveMinerNotEligible.selector, roundId, m[1]));
        cognitive.start(roundId, cs);
        cs[2] = stranger;
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(INodePoolErrors.NodePoolUnknownNode.selector, stranger));
        cognitive.start(roundId, cs);
    }

    // ---- completers ----------------------------------------------------------------------------

    function test_RevertWhen_PrecommitIsRefused() public {
        uint256 roundId = _toPrepare();
        vm.prank(m[2]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.Prepare));
        cognitive.precommit(roundId, bytes32(0));
        vm.prank(oracle);
        cognitive.start(roundId, _completers());
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(CognitiveNotAssignedMiner.selector, roundId, stranger));
        cognitive.precommit(roundId, bytes32(0));
        _precommit(roundId, m[2]);
        vm.prank(m[2]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveAlreadyActed.selector, roundId, m[2], CompleterState.Precommitted));
        cognitive.precommit(roundId, bytes32(0));
        vm.warp(T0 + 91);
        vm.prank(m[3]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveDeadlinePassed.selector, roundId, T0 + 90));
        cognitive.precommit(roundId, bytes32(0));
    }

    function test_RevertWhen_EndPrecommitIsEarly() public {
        uint256 roundId = _toStart();
        _precommit(roundId, m[2]);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitivePhaseNotOver.selector, roundId, T0 + 90));
        cognitive.endPrecommit(roundId);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IOracleRegistryErrors.OracleRegistryNotOracle.selector, stranger));
        cognitive.endPrecommit(roundId);
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveUnknownRound.selector, 2));
        cognitive.endPrecommit(2);
    }

    function test_RevertWhen_CommitIsRefused() public {
        RoundParams memory p = cognitive.getParams();
        p.maxCompletionBytes = 8;
        _setParams(p);
        uint256 roundId = _toStart();
        _precommit(roundId, m[2]);
        _precommit(roundId, m[3]);
        vm.warp(T0 + 90);
        vm.prank(oracle);
        cognitive.endPrecommit(roundId);
        vm.prank(m[2]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveInvalidString.selector, roundId, 3, 9));
        cognitive.commit(roundId, "123456789", _salt(m[2]));
        vm.prank(m[4]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveNotPrecommitted.selector, roundId, m[4]));
        cognitive.commit(roundId, "answers", _salt(m[4]));
        bytes32 wrong = _hash(m[2], roundId, "other");
        bytes32 right = _hash(m[2], roundId, "answers");
        vm.prank(m[2]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveRevealMismatch.selector, roundId, m[2], right, wrong));
        cognitive.commit(roundId, "other", _salt(m[2]));
        _commit(roundId, m[2]);
        vm.prank(m[2]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveAlreadyActed.selector, roundId, m[2], CompleterState.Committed));
        cognitive.commit(roundId, "answers", _salt(m[2]));
        vm.warp(T0 + 151);
        vm.prank(m[3]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveDeadlinePassed.selector, roundId, T0 + 150));
        cognitive.commit(roundId, "answers", _salt(m[3]));
    }

    function test_RevertWhen_EndCommitIsEarly() public {
        uint256 roundId = _toPrecommit();
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitivePhaseNotOver.selector, roundId, T0 + 60));
        cognitive.endCommit(roundId);
    }

    // ---- validation and end --------------------------------------------------------------------

    function test_RevertWhen_ValidateIsRefused() public {
        uint256 roundId = _toPrecommit();
        address[] memory cs = _completers();
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.Precommit));
        cognitive.validate(roundId, cs, _allValid(3), new int256[](3));
        _commit(roundId, cs[0]);
        _commit(roundId, cs[1]);
        vm.warp(T0 + 60);
        vm.prank(oracle);
        cognitive.endCommit(roundId);
        vm.startPrank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveVerdictLengthMismatch.selector, roundId, 3, 2, 3));
        cognitive.validate(roundId, cs, _allValid(2), new int256[](3));
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongVerdictCount.selector, roundId, 3, 2));
        cognitive.validate(roundId, cs, _allValid(3), new int256[](3));
        address[] memory two = new address[](2);
        (two[0], two[1]) = (cs[0], cs[2]);
        vm.expectRevert(abi.encodeWithSelector(CognitiveNotAssignedMiner.selector, roundId, cs[2]));
        cognitive.validate(roundId, two, _allValid(2), new int256[](2));
        two[1] = cs[0];
        vm.expectRevert(abi.encodeWithSelector(CognitiveDuplicateMiner.selector, roundId, cs[0]));
        cognitive.validate(roundId, two, _allValid(2), new int256[](2));
        two[1] = cs[1];
        int256[] memory sims = new int256[](2);
        sims[1] = -1_000_001;
        vm.expectRevert(abi.encodeWithSelector(CognitiveSimilarityOutOfRange.selector, roundId, cs[1], int256(-1_000_001)));
        cognitive.validate(roundId, two, _allValid(2), sims);
        cognitive.validate(roundId, two, _allValid(2), new int256[](2));
        vm.expectRevert(abi.encodeWithSelector(CognitiveAlreadyValidated.selector, roundId, oracle));
        cognitive.validate(roundId, two, _allValid(2), new int256[](2));
        vm.stopPrank();
    }

    function test_RevertWhen_EndIsRefused() public {
        uint256 roundId = _toStart();
        vm.startPrank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.Start));
        cognitive.end(roundId, false);
        vm.expectRevert(abi.encodeWithSelector(CognitivePhaseNotOver.selector, roundId, T0 + 90));
        cognitive.end(roundId, true);
        vm.warp(T0 + 90);
        cognitive.end(roundId, true);
        vm.expectRevert(abi.encodeWithSelector(CognitiveWrongPhase.selector, roundId, RoundStatus.End));
        cognitive.end(roundId, true);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(CognitiveNotAssignedMiner.selector, roundId, stranger));
        cognitive.getCompleter(roundId, stranger);
        vm.expectRevert(abi.encodeWithSelector(CognitiveUnknownRound.selector, 0));
        cognitive.getRound(0);
    }
}
