// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {NodePool} from "../../src/NodePool.sol";
import {INodePoolErrors, INodePoolEvents} from "../../src/interfaces/INodePool.sol";
import {ISessionForPool} from "../../src/interfaces/ISession.sol";
import {ISessionPaymentStake} from "../../src/interfaces/ISessionPayment.sol";

/**
 * @dev Shared set-up for NodePool tests: a pool on a clock of one tick per second from the origin
 * 0, whose Session, SessionQueue and Cognitive modules are this test contract (so module calls
 * need no prank) and whose stake source is this contract too (`stakes`, settable). It records
 * NodePool's ban callbacks. Nodes register with model 7; `_pooled` admits a node with the small
 * eligibility thresholds the tests set by default (one successful round), so lifecycle tests do
 * not depend on the reputation rules.
 */
abstract contract NodePoolTestBase is Test, INodePoolEvents, INodePoolErrors, ISessionPaymentStake, ISessionForPool {
    uint256 internal constant T0 = 1_000_000;
    uint256 internal constant MODEL = 7;
    uint256 internal constant SESSION = 4;
    uint256 internal constant WINDOW_MS = 7 days * 1000;

    NodePool internal pool;
    address internal owner = makeAddr("owner");
    address internal stranger = makeAddr("stranger");
    address internal n1 = makeAddr("node1");
    address internal n2 = makeAddr("node2");
    mapping(address => uint256) internal stakes;
    uint256 internal nextRound = 1;
    address[] internal bannedCallbacks;
    uint256[] internal bannedCallbackSessions;

    function setUp() public virtual {
        vm.warp(T0);
        pool = new NodePool(owner, 1000, 0, WINDOW_MS, 28);
        vm.startPrank(owner);
        pool.setModules(address(this), address(this), address(this), this);
        pool.setParams(_params(1, 0, 1, 1));
        vm.stopPrank();
        stakes[n1] = 10_000e18;
        stakes[n2] = 10_000e18;
    }

    // ---- the pool's view of the rest of the system ---------------------------------------------

    function stakeOf(address node) external view returns (uint256) {
        return stakes[node];
    }

    function onNodeBanned(address node, uint256 sessionId) external {
        bannedCallbacks.push(node);
        bannedCallbackSessions.push(sessionId);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /// @dev The spec's defaults with the eligibility thresholds and re-validation rounds given.
    function _params(uint32 minAttempts, uint32 minRatePpm, uint32 minConsecutive, uint8 revalidation)
        internal
        pure
        returns (NodeParams memory p)
    {
        p = NodeParams({
            pingIntervalMs: 60_000,
            offlineAfterMissedPings: 3,
            maxModels: 66,
            maxDedicatedSessions: 8,
            minAttempts: minAttempts,
            minSuccessRatePpm: minRatePpm,
            minConsecutiveSuccesses: minConsecutive,
            revalidationRounds: revalidation,
            poolExit: PoolExit.Never,
            levelsMax: 10,
            baseConsecutive: 3,
            stepConsecutive: 1,
            baseSuccessRatePpm: 600_000,
            stepSuccessRatePpm: 30_000,
            downgradeFailureStreak: 3,
            releaseRule: ReleaseRule.FirstOf,
            maxReservePeriodMs: 86_400_000,
            maxTaskExecutionCountCap: 1000,
            minStake: 10_000e18
        });
    }

    function _setParams(NodeParams memory p) internal {
        vm.prank(owner);
        pool.setParams(p);
    }

    function _models(uint256 a) internal pure returns (uint256[] memory m) {
        m = new uint256[](1);
        m[0] = a;
    }

    function _register(address node) internal {
        vm.prank(node);
        pool.register(_models(MODEL));
    }

    /// @dev One cognitive outcome under a fresh round id.
    function _outcome(address node, bool success) internal returns (uint256 roundId) {
        roundId = nextRound++;
        pool.recordCognitiveOutcome(node, roundId, success);
    }

    /// @dev Registered and admitted to the pool (Available) with one successful round.
    function _pooled(address node) internal {
        _register(node);
        _outcome(node, true);
        assertEq(uint8(pool.getStatus(node)), uint8(NodeStatus.Available));
    }

    function _reserved(address node) internal {
        _pooled(node);
        pool.reserve(node, SESSION, 300_000, 2);
    }

    function _status(address node) internal view returns (NodeStatus) {
        return pool.getStatus(node);
    }
}
