// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: Cognitive is `protocol/round` with the world's picks: the setup (request, create,
// creator and preparer replacement, prepare, start), the completers' commit–reveal with the
// "cortensor.round" hash, validation, regular and forced ends; NodeStats, cognitive outcomes and
// slashing reach NodePool and SessionPayment as `route.ts` sends them.
// Method: the whole protocol (CognitiveTestBase); unit tests per entry point that check the round
// and what NodePool recorded. Revert paths: Cognitive.reverts.t.sol.

import {INodePoolTypes} from "../src/interfaces/INodePool.sol";
import {CognitiveTestBase} from "./utils/CognitiveTestBase.sol";

contract CognitiveTest is CognitiveTestBase {
    uint8 internal constant REQUEST = uint8(INodePoolTypes.Metric.Request);
    uint8 internal constant CREATE = uint8(INodePoolTypes.Metric.Create);
    uint8 internal constant PREPARE = uint8(INodePoolTypes.Metric.Prepare);
    uint8 internal constant START = uint8(INodePoolTypes.Metric.Start);
    uint8 internal constant PRECOMMIT = uint8(INodePoolTypes.Metric.Precommit);
    uint8 internal constant COMMIT = uint8(INodePoolTypes.Metric.Commit);
    uint8 internal constant END = uint8(INodePoolTypes.Metric.End);
    uint8 internal constant CORRECTNESS = uint8(INodePoolTypes.Metric.Correctness);

    function test_Constructor_SetsTheSpecDefaults() public view {
        RoundParams memory p = cognitive.getParams();
        assertEq(p.requestDeadlineMs, 5000);
        assertEq(p.createDeadlineMs, 10_000);
        assertEq(p.prepareDeadlineMs, 30_000);
        assertEq(p.precommitDeadlineMs, 90_000);
        assertEq(p.commitDeadlineMs, 60_000);
        assertEq(p.maxPrompts, 3);
        assertEq(p.maxCreatorReassignments, 3);
        assertEq(p.maxPreparerReassignments, 3);
        assertEq(uint8(p.roleOverlap), uint8(RoleOverlap.Exclusive));
        assertEq(uint8(p.commitScheme), uint8(RoundCommitScheme.MinerBound));
        assertEq(p.maxTopicBytes, 256);
        assertEq(p.maxChallengeBytes, 2048);
        assertEq(p.maxCompletionBytes, 16_384);
        assertEq(uint8(p.slashing), uint8(RoundSlashing.None));
        assertEq(p.slashBps, 1000);
    }

    // ---- setup ---------------------------------------------------------------------------------

    function test_Request_OpensARoundForTheCreator() public {
        address[] memory expected = new address[](1);
        expected[0] = m[0];
        vm.expectEmit(address(cognitive));
        emit NewSessionRequest(1, expected);
        uint256 roundId = _request();
        assertEq(roundId, 1);
        assertEq(cognitive.getRoundCount(), 1);
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.status), uint8(RoundStatus.Request));
        assertEq(v.creators.length, 1);
        assertEq(v.creators[0], m[0]);
        assertEq(v.requestedAt, T0);
        assertEq(v.phaseDeadline, T0 + 15, "request 5 s + create 10 s");
        assertEq(cognitive.getLastPickedRound(m[0]), 1);
        assertEq(cognitive.getLastPickedRound(m[1]), 0);
    }

    function test_Create_InTimeIsARequestSuccess() public {
        uint256 roundId = _request();
        vm.warp(T0 + 5);
        vm.expectEmit(address(cognitive));
        emit SessionCreated(roundId, m[0]);
        vm.prank(m[0]);
        cognitive.create(roundId, "science", "physics");
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.status), uint8(RoundStatus.Create));
        assertEq(v.domain, "science");
        assertEq(v.subdomain, "physics");
        assertEq(v.phaseDeadline, 0, "waiting on the oracle");
        (uint256 c, uint256 p) = _counts(m[0], REQUEST);
        assertEq(c, 1);
        assertEq(p, 1);
        (c, p) = _counts(m[0], CREATE);
        assertEq(p, 1);
    }

    function test_Create_LateIsARequestFailureButACreateSuccess() public {
        uint256 roundId = _request();
        vm.warp(T0 + 6);
        vm.prank(m[0]);
        cognitive.create(roundId, "d", "s");
        (uint256 c, uint256 p) = _counts(m[0], REQUEST);
        assertEq(c, 1);
        assertEq(p, 0);
        (, p) = _counts(m[0], CREATE);
        assertEq(p, 1);
    }

    function test_RequestNextCreator_ReplacesTheSilentCreator() public {
        uint256 roundId = _request();
        vm.warp(T0 + 15);
        vm.expectEmit(address(cognitive));
        emit NewSessionRequestAssigned(roundId, m[5]);
        vm.prank(oracle);
        cognitive.requestNextCreator(roundId, m[5]);
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(v.creators.length, 2);
        assertEq(v.creators[1], m[5]);
        assertEq(v.phaseDeadline, T0 + 30);
        (uint256 c, uint256 p) = _counts(m[0], REQUEST);
        assertEq(c, 1);
        assertEq(p, 0);
        (c, p) = _counts(m[0], CREATE);
        assertEq(c, 1);
        assertEq(p, 0);
        assertEq(cognitive.getLastPickedRound(m[5]), roundId);
    }

    function test_RequestNextCreator_EndsTheRoundOnceReplacementsAreUsedUp() public {
        RoundParams memory p = cognitive.getParams();
        p.maxCreatorReassignments = 1;
        _setParams(p);
        uint256 roundId = _request();
        vm.warp(T0 + 15);
        vm.prank(oracle);
        cognitive.requestNextCreator(roundId, m[5]);
        vm.warp(T0 + 30);
        vm.expectEmit(address(cognitive));
        emit SessionEnded(roundId, uint64(T0 + 30), false, RoundFailureReason.NoCreator);
        vm.prank(oracle);
        cognitive.requestNextCreator(roundId, m[6]);
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.status), uint8(RoundStatus.End));
        assertEq(uint8(v.failureReason), uint8(RoundFailureReason.NoCreator));
        assertEq(uint8(v.failurePhase), uint8(RoundStatus.Request));
        assertEq(v.creators.length, 2, "the last pick was not added");
        assertEq(cognitive.getLastPickedRound(m[6]), roundId, "but it counts as picked");
        // Both creators failed their round.
        assertEq(pool.getReputation(m[0]).attempts, 1);
        assertEq(pool.getReputation(m[0]).successes, 0);
        assertEq(pool.getReputation(m[5]).attempts, 1);
    }

    function test_AssignPreparerAndPrepare_PublishTheChallenges() public {
        uint256 roundId = _toCreate();
        vm.expectEmit(address(cognitive));
        emit SessionPrepareAssigned(roundId, m[1]);
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        assertEq(cognitive.getRound(roundId).phaseDeadline, T0 + 30);
        vm.expectEmit(address(cognitive));
        emit SessionPrepared(roundId, m[1]);
        vm.prank(m[1]);
        cognitive.prepare(roundId, _challenges());
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.status), uint8(RoundStatus.Prepare));
        assertEq(v.challenges.length, 3);
        assertEq(v.challenges[2], "q2");
        (, uint256 p) = _counts(m[1], PREPARE);
        assertEq(p, 1);
    }

    function test_RequestNextPreparer_ReplacesAndThenGivesUp() public {
        RoundParams memory p = cognitive.getParams();
        p.maxPreparerReassignments = 1;
        _setParams(p);
        uint256 roundId = _toCreate();
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        vm.warp(T0 + 30);
        vm.prank(oracle);
        cognitive.requestNextPreparer(roundId, m[5]);
        (uint256 c, uint256 pts) = _counts(m[1], PREPARE);
        assertEq(c, 1);
        assertEq(pts, 0);
        assertEq(cognitive.getRound(roundId).preparers[1], m[5]);
        vm.warp(T0 + 60);
        vm.prank(oracle);
        cognitive.requestNextPreparer(roundId, m[6]);
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.failureReason), uint8(RoundFailureReason.NoPreparer));
        assertEq(uint8(v.failurePhase), uint8(RoundStatus.Create));
        // The creator delivered, both preparers failed.
        assertEq(pool.getReputation(m[0]).successes, 1);
        assertEq(pool.getReputation(m[5]).successes, 0);
    }

    function test_Start_OpensThePrecommitPhase() public {
        uint256 roundId = _toPrepare();
        address[] memory cs = _completers();
        vm.expectEmit(address(cognitive));
        emit SessionStarted(roundId, uint64(T0), cs);
        vm.prank(oracle);
        cognitive.start(roundId, cs);
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.status), uint8(RoundStatus.Start));
        assertEq(v.startedAt, T0);
        assertEq(v.phaseDeadline, T0 + 90);
        assertEq(v.completers.length, 3);
        assertEq(uint8(cognitive.getCompleter(roundId, cs[1]).state), uint8(CompleterState.Selected));
        (uint256 c, uint256 p) = _counts(cs[0], START);
        assertEq(c, 1);
        assertEq(p, 1);
        assertEq(cognitive.getLastPickedRound(cs[2]), roundId);
    }

    // ---- completers ----------------------------------------------------------------------------

    function test_PrecommitAndCommit_RevealTheCompletion() public {
        uint256 roundId = _toStart();
        address miner = m[2];
        bytes32 h = _hash(miner, roundId, "answers");
        vm.warp(T0 + 3);
        vm.expectEmit(address(cognitive));
        emit SessionPrecommitted(roundId, miner);
        vm.prank(miner);
        cognitive.precommit(roundId, h);
        CompleterView memory s = cognitive.getCompleter(roundId, miner);
        assertEq(uint8(s.state), uint8(CompleterState.Precommitted));
        assertEq(s.precommitHash, h);
        assertEq(s.precommitAt, T0 + 3);
        _precommit(roundId, m[3]);
        _precommit(roundId, m[4]);
        vm.prank(oracle);
        cognitive.endPrecommit(roundId);
        vm.expectEmit(address(cognitive));
        emit SessionCommitted(roundId, miner);
        _commit(roundId, miner);
        s = cognitive.getCompleter(roundId, miner);
        assertEq(uint8(s.state), uint8(CompleterState.Committed));
        assertEq(s.completion, "answers");
        assertEq(s.salt, _salt(miner));
    }

    function test_RoundHash_IsDomainTagged() public view {
        bytes32 expected = keccak256(abi.encodePacked("cortensor.round", m[2], uint256(7), _salt(m[2]), keccak256(bytes("x"))));
        assertEq(cognitive.getRoundHash(RoundCommitScheme.MinerBound, m[2], 7, _salt(m[2]), "x"), expected);
        assertEq(cognitive.getRoundHash(RoundCommitScheme.Plain, m[2], 7, _salt(m[2]), "x"), keccak256(bytes("x")));
    }

    function test_Commit_UnderThePlainSchemeLetsACopyThrough() public {
        RoundParams memory p = cognitive.getParams();
        p.commitScheme = RoundCommitScheme.Plain;
        _setParams(p);
        uint256 roundId = _toStart();
        bytes32 h = keccak256(bytes("answers"));
        for (uint256 i = 2; i < 5; ++i) {
            vm.prank(m[i]);
            cognitive.precommit(roundId, h);
        }
        vm.prank(oracle);
        cognitive.endPrecommit(roundId);
        vm.prank(m[3]);
        cognitive.commit(roundId, "answers", bytes32(0)); // any salt: the plain hash binds nothing else
        assertEq(uint8(cognitive.getCompleter(roundId, m[3]).state), uint8(CompleterState.Committed));
    }

    function test_EndPrecommit_LateCompletersMissIt() public {
        uint256 roundId = _toStart();
        _precommit(roundId, m[2]);
        _precommit(roundId, m[3]);
        vm.warp(T0 + 90);
        address[] memory done = new address[](2);
        (done[0], done[1]) = (m[2], m[3]);
        vm.expectEmit(address(cognitive));
        emit SessionAllPrecommitted(roundId, done, true);
        vm.prank(oracle);
        cognitive.endPrecommit(roundId);
        assertEq(uint8(cognitive.getCompleter(roundId, m[4]).state), uint8(CompleterState.MissedPrecommit));
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.status), uint8(RoundStatus.Precommit));
        assertEq(v.phaseDeadline, T0 + 90 + 60);
        (uint256 c, uint256 p) = _counts(m[4], PRECOMMIT);
        assertEq(c, 1);
        assertEq(p, 0);
        (, p) = _counts(m[2], PRECOMMIT);
        assertEq(p, 1);
    }

    function test_EndPrecommit_TooFewPrecommitsEndsTheRound() public {
        uint256 roundId = _toStart();
        _precommit(roundId, m[2]);
        vm.warp(T0 + 90);
        vm.prank(oracle);
        cognitive.endPrecommit(roundId);
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.status), uint8(RoundStatus.End));
        assertEq(uint8(v.failureReason), uint8(RoundFailureReason.TooFewPrecommits));
        assertEq(uint8(v.failurePhase), uint8(RoundStatus.Start));
        // End stats: every completer failed (nobody revealed).
        (uint256 c, uint256 p) = _counts(m[2], END);
        assertEq(c, 1);
        assertEq(p, 0);
    }

    function test_EndCommit_SlashesAWithheldReveal() public {
        RoundParams memory p = cognitive.getParams();
        (p.slashing, p.slashBps) = (RoundSlashing.MissedReveal, 2500);
        _setParams(p);
        uint256 roundId = _toPrecommit();
        _commit(roundId, m[2]);
        _commit(roundId, m[3]);
        vm.warp(T0 + 60);
        vm.prank(oracle);
        cognitive.endCommit(roundId);
        assertEq(uint8(cognitive.getCompleter(roundId, m[4]).state), uint8(CompleterState.MissedReveal));
        assertEq(payment.stakeOf(m[4]), MIN_STAKE * 3 / 4);
        assertEq(payment.stakeOf(m[3]), MIN_STAKE);
        assertEq(uint8(_status(roundId)), uint8(RoundStatus.Commit));
        (uint256 c, uint256 pts) = _counts(m[4], COMMIT);
        assertEq(c, 1);
        assertEq(pts, 0);
    }

    function test_EndCommit_TooFewRevealsEndsWithTheRevealersSucceeding() public {
        uint256 roundId = _toPrecommit();
        _commit(roundId, m[2]);
        vm.warp(T0 + 60);
        vm.prank(oracle);
        cognitive.endCommit(roundId);
        RoundView memory v = cognitive.getRound(roundId);
        assertEq(uint8(v.failureReason), uint8(RoundFailureReason.TooFewReveals));
        assertEq(pool.getReputation(m[2]).successes, 1, "an unjudged reveal counts");
        assertEq(pool.getReputation(m[3]).successes, 0);
    }

    // ---- validation and end --------------------------------------------------------------------

    function test_ValidateAndEnd_CompleteTheRound() public {
        uint256 roundId = _toCommit();
        address[] memory cs = _completers();
        bool[] memory valid = new bool[](3);
        (valid[0], valid[1], valid[2]) = (true, false, true);
        address[] memory validOnes = new address[](2);
        (validOnes[0], validOnes[1]) = (cs[0], cs[2]);
        address[] memory outliers = new address[](1);
        outliers[0] = cs[1];
        vm.expectEmit(address(cognitive));
        emit SessionValidated(roundId, validOnes, outliers);
        _validate(roundId, cs, valid);
        assertEq(cognitive.getRound(roundId).validator, oracle);
        assertEq(uint8(cognitive.getCompleter(roundId, cs[1]).state), uint8(CompleterState.Outlier));
        (uint256 c, uint256 p) = _counts(cs[1], CORRECTNESS);
        assertEq(c, 1);
        assertEq(p, 0);
        vm.warp(T0 + 1);
        vm.expectEmit(address(cognitive));
        emit SessionEnded(roundId, uint64(T0 + 1), true, RoundFailureReason.None);
        vm.prank(oracle);
        cognitive.end(roundId, true); // the flag does not matter once validated
        RoundView memory v = cognitive.getRound(roundId);
        assertTrue(v.completed);
        assertEq(v.endedAt, T0 + 1);
        // One outcome each: creator and preparer delivered, the outlier failed.
        assertEq(pool.getReputation(m[0]).successes, 1);
        assertEq(pool.getReputation(m[1]).successes, 1);
        assertEq(pool.getReputation(cs[0]).successes, 1);
        assertEq(pool.getReputation(cs[1]).attempts, 1);
        assertEq(pool.getReputation(cs[1]).successes, 0);
        (, p) = _counts(cs[2], END);
        assertEq(p, 1);
        assertEq(uint8(pool.getStatus(cs[0])), uint8(INodePoolTypes.NodeStatus.Available), "one good round admits it");
    }

    function test_End_ForcedFromEveryOpenPhase() public {
        // Request: after the creator's deadline the creator missed it.
        uint256 r1 = _request();
        vm.warp(T0 + 15);
        vm.prank(oracle);
        cognitive.end(r1, true);
        assertEq(uint8(cognitive.getRound(r1).failureReason), uint8(RoundFailureReason.Forced));
        (uint256 c,) = _counts(m[0], REQUEST);
        assertEq(c, 1);
        // Create without a preparer, and Prepare: no deadline, so at once.
        vm.warp(T0 + 100);
        uint256 r2 = _toCreate();
        vm.prank(oracle);
        cognitive.end(r2, true);
        assertEq(uint8(cognitive.getRound(r2).failurePhase), uint8(RoundStatus.Create));
        vm.warp(T0 + 150);
        uint256 r3 = _toPrepare();
        vm.prank(oracle);
        cognitive.end(r3, true);
        assertEq(uint8(cognitive.getRound(r3).failurePhase), uint8(RoundStatus.Prepare));
    }

    function test_End_ForcedInStartClosesThePrecommitPhase() public {
        uint256 roundId = _toStart();
        _precommit(roundId, m[2]);
        vm.warp(T0 + 90);
        vm.prank(oracle);
        cognitive.end(roundId, true);
        assertEq(uint8(cognitive.getCompleter(roundId, m[3]).state), uint8(CompleterState.MissedPrecommit));
        (uint256 c,) = _counts(m[3], PRECOMMIT);
        assertEq(c, 1, "the same stats as a regular phase end");
    }

    function test_End_ForcedInPrecommitClosesTheCommitPhase() public {
        uint256 roundId = _toPrecommit();
        _commit(roundId, m[2]);
        vm.warp(T0 + 60);
        vm.prank(oracle);
        cognitive.end(roundId, true);
        assertEq(uint8(cognitive.getCompleter(roundId, m[3]).state), uint8(CompleterState.MissedReveal));
        assertEq(pool.getReputation(m[2]).successes, 1);
    }

    function test_End_ForcedInCommitBeforeValidation() public {
        uint256 roundId = _toCommit();
        vm.prank(oracle);
        cognitive.end(roundId, true);
        RoundView memory v = cognitive.getRound(roundId);
        assertFalse(v.completed);
        assertEq(uint8(v.failurePhase), uint8(RoundStatus.Commit));
    }

    function test_End_ForcedInCreateAfterThePreparersDeadline() public {
        uint256 roundId = _toCreate();
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        vm.warp(T0 + 30);
        vm.prank(oracle);
        cognitive.end(roundId, true);
        (uint256 c, uint256 p) = _counts(m[1], PREPARE);
        assertEq(c, 1);
        assertEq(p, 0);
    }

    function test_SharedRoles_OneOutcomePerMinerSuccessOnlyIfEveryPartDone() public {
        RoundParams memory p = cognitive.getParams();
        p.roleOverlap = RoleOverlap.Shared;
        _setParams(p);
        uint256 roundId = _request();
        vm.prank(m[0]);
        cognitive.create(roundId, "d", "s");
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[0]); // the creator prepares too
        vm.prank(m[0]);
        cognitive.prepare(roundId, _challenges());
        address[] memory cs = new address[](3);
        (cs[0], cs[1], cs[2]) = (m[0], m[3], m[4]); // and completes
        vm.prank(oracle);
        cognitive.start(roundId, cs);
        for (uint256 i = 0; i < 3; ++i) {
            _precommit(roundId, cs[i]);
        }
        vm.prank(oracle);
        cognitive.endPrecommit(roundId);
        _commit(roundId, m[3]);
        _commit(roundId, m[4]); // m[0] does not reveal
        vm.warp(T0 + 60);
        vm.prank(oracle);
        cognitive.endCommit(roundId);
        address[] memory revealed = new address[](2);
        (revealed[0], revealed[1]) = (m[3], m[4]);
        _validate(roundId, revealed, _allValid(2));
        vm.prank(oracle);
        cognitive.end(roundId, false);
        assertEq(pool.getReputation(m[0]).attempts, 1, "one outcome for three roles");
        assertEq(pool.getReputation(m[0]).successes, 0, "it did not reveal");
        assertEq(pool.getReputation(m[3]).successes, 1);
    }

    function test_Ping_IsRelayedToNodePool() public {
        vm.warp(T0 + 30);
        vm.prank(m[0]);
        cognitive.ping();
        assertEq(pool.getNode(m[0]).lastPingAt, T0 + 30);
    }

    function test_Cooldown_KeepsAMinerOutOfTheNextRounds() public {
        RoundParams memory p = cognitive.getParams();
        p.minerCooldownRounds = 2;
        _setParams(p);
        _request(); // round 1 picks m[0]
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveMinerCoolingDown.selector, 2, m[0], 1));
        cognitive.request(m[0]);
        vm.prank(oracle);
        cognitive.request(m[1]); // round 2
        vm.prank(oracle);
        vm.expectRevert(abi.encodeWithSelector(CognitiveMinerCoolingDown.selector, 3, m[0], 1));
        cognitive.request(m[0]);
        vm.prank(oracle);
        cognitive.request(m[2]); // round 3
        vm.prank(oracle);
        cognitive.request(m[0]); // round 4: out of cooldown
        assertEq(cognitive.getLastPickedRound(m[0]), 4);
    }
}
