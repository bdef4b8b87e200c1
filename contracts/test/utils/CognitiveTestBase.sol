// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICognitiveErrors, ICognitiveEvents} from "../../src/interfaces/ICognitive.sol";
import {SystemFixture} from "./SystemFixture.sol";

/**
 * @dev Shared set-up for Cognitive tests: the whole protocol (SystemFixture) with rounds of three
 * completers of which two must reveal, no cooldown by default, and eight registered miners
 * (network tasks need no pool admission). Helpers play a round's honest steps up to a status.
 */
abstract contract CognitiveTestBase is SystemFixture, ICognitiveEvents, ICognitiveErrors {
    address[8] internal m;

    function setUp() public virtual override {
        super.setUp();
        RoundParams memory p = cognitive.getParams();
        (p.completers, p.minCompleters, p.minerCooldownRounds) = (3, 2, 0);
        vm.prank(owner);
        cognitive.setParams(p);
        for (uint256 i = 0; i < 8; ++i) {
            m[i] = _miner(i + 1);
            _registerMiner(m[i]);
        }
    }

    function _setParams(RoundParams memory p) internal {
        vm.prank(owner);
        cognitive.setParams(p);
    }

    function _completers() internal view returns (address[] memory list) {
        list = new address[](3);
        (list[0], list[1], list[2]) = (m[2], m[3], m[4]);
    }

    function _challenges() internal pure returns (string[] memory c) {
        c = new string[](3);
        (c[0], c[1], c[2]) = ("q0", "q1", "q2");
    }

    function _salt(address miner) internal pure returns (bytes32) {
        return bytes32(uint256(uint160(miner)));
    }

    function _hash(address miner, uint256 roundId, string memory completion) internal view returns (bytes32) {
        return cognitive.getRoundHash(RoundCommitScheme.MinerBound, miner, roundId, _salt(miner), completion);
    }

    function _request() internal returns (uint256 roundId) {
        vm.prank(oracle);
        roundId = cognitive.request(m[0]);
    }

    function _toCreate() internal returns (uint256 roundId) {
        roundId = _request();
        vm.prank(m[0]);
        cognitive.create(roundId, "science", "physics");
    }

    function _toPrepare() internal returns (uint256 roundId) {
        roundId = _toCreate();
        vm.prank(oracle);
        cognitive.assignPreparer(roundId, m[1]);
        vm.prank(m[1]);
        cognitive.prepare(roundId, _challenges());
    }

    function _toStart() internal returns (uint256 roundId) {
        roundId = _toPrepare();
        vm.prank(oracle);
        cognitive.start(roundId, _completers());
    }

    function _precommit(uint256 roundId, address miner) internal {
        bytes32 h = _hash(miner, roundId, "answers"); // before the prank: it is a call too
        vm.prank(miner);
        cognitive.precommit(roundId, h);
    }

    function _commit(uint256 roundId, address miner) internal {
        vm.prank(miner);
        cognitive.commit(roundId, "answers", _salt(miner));
    }

    /// @dev All three completers precommitted, the precommit phase closed.
    function _toPrecommit() internal returns (uint256 roundId) {
        roundId = _toStart();
        address[] memory cs = _completers();
        for (uint256 i = 0; i < cs.length; ++i) {
            _precommit(roundId, cs[i]);
        }
        vm.prank(oracle);
        cognitive.endPrecommit(roundId);
    }

    /// @dev All three completers revealed, the commit phase closed.
    function _toCommit() internal returns (uint256 roundId) {
        roundId = _toPrecommit();
        address[] memory cs = _completers();
        for (uint256 i = 0; i < cs.length; ++i) {
            _commit(roundId, cs[i]);
        }
        vm.prank(oracle);
        cognitive.endCommit(roundId);
    }

    function _validate(uint256 roundId, address[] memory miners, bool[] memory valid) internal {
        vm.prank(oracle);
        cognitive.validate(roundId, miners, valid, new int256[](miners.length));
    }

    function _allValid(uint256 n) internal pure returns (bool[] memory valid) {
        valid = new bool[](n);
        for (uint256 i = 0; i < n; ++i) {
            valid[i] = true;
        }
    }

    function _status(uint256 roundId) internal view returns (RoundStatus) {
        return cognitive.getRound(roundId).status;
    }

    function _counts(address miner, uint8 metric) internal view returns (uint256 counter, uint256 points) {
        (uint64[10] memory c, uint64[10] memory p) = pool.getMetrics(miner);
        return (c[metric], p[metric]);
    }
}
