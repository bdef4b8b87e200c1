// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {CorToken} from "../../src/CorToken.sol";
import {SessionPayment} from "../../src/SessionPayment.sol";
import {ISessionPaymentTypes} from "../../src/interfaces/ISessionPayment.sol";

/**
 * @dev Drives one SessionPayment for invariant tests. The handler is the payment's Session,
 * SessionQueue and Cognitive module; it also acts as three session owners and four nodes through
 * `vm.prank`. Actions: deposits, withdrawals, task escrows, settlements (random charge, random
 * payees, with or without validator and router), refunds, stakes, unstakes, node withdrawals,
 * slashing and share changes. Amounts are bounded but not always affordable, so many calls are
 * refused, which must leave the ledger intact.
 *
 * Ghost state: the escrows opened per session (task ids count from 0), to sum the open ones.
 */
contract SessionPaymentHandler is Test, ISessionPaymentTypes {
    uint256 public constant SESSIONS = 3;
    uint256 public constant NODES = 4;

    SessionPayment public immutable payment;
    CorToken public immutable token;
    address public immutable admin;
    address[SESSIONS] internal _owners;
    address[NODES] internal _nodes;
    mapping(uint256 sessionId => uint256) public taskCount;

    constructor(SessionPayment payment_, CorToken token_, address admin_) {
        (payment, token, admin) = (payment_, token_, admin_);
        for (uint256 i = 0; i < SESSIONS; ++i) {
            _owners[i] = address(uint160(0x0C0FFEE0 + i));
        }
        for (uint256 i = 0; i < NODES; ++i) {
            _nodes[i] = address(uint160(0x0DE0DE0 + i));
        }
    }

    /// @dev Called once by the test: opens the sessions and funds every actor.
    function initialize() external {
        for (uint256 i = 0; i < SESSIONS; ++i) {
            payment.registerSession(i + 1, _owners[i]);
            _fund(_owners[i]);
        }
        for (uint256 i = 0; i < NODES; ++i) {
            _fund(_nodes[i]);
        }
    }

    function deposit(uint256 sessionSeed, uint256 amount) external {
        uint256 sessionId = _session(sessionSeed);
        vm.prank(_owners[sessionId - 1]);
        payment.depositToSession(sessionId, bound(amount, 0, 1000e18));
    }

    function withdraw(uint256 sessionSeed, uint256 amount) external {
        uint256 sessionId = _session(sessionSeed);
        vm.prank(_owners[sessionId - 1]);
        payment.withdrawSessionBalance(sessionId, bound(amount, 0, 1000e18));
    }

    function escrow(uint256 sessionSeed, uint256 amount) external {
        uint256 sessionId = _session(sessionSeed);
        payment.escrowTask(sessionId, taskCount[sessionId], bound(amount, 0, 300e18));
        ++taskCount[sessionId];
    }

    function settle(uint256 sessionSeed, uint256 taskSeed, uint256 chargeSeed, uint256 payeeMask) external {
        uint256 sessionId = _session(sessionSeed);
        uint256 taskId = _task(sessionId, taskSeed);
        TaskEscrow memory e = payment.getTaskEscrow(sessionId, taskId);
        // Mostly within the escrow; 1 in 16 above it (refused).
        uint256 charge = chargeSeed % 16 == 0 ? e.amount + 1 : bound(chargeSeed, 0, e.amount);
        address[] memory miners = new address[](_popcount(payeeMask & 7));
        uint256 n;
        for (uint256 i = 0; i < 3; ++i) {
            if ((payeeMask >> i) & 1 == 1) miners[n++] = _nodes[i];
        }
        address[] memory validators = new address[]((payeeMask >> 3) & 1);
        if (validators.length == 1) validators[0] = _nodes[3];
        address router = (payeeMask >> 4) & 1 == 1 ? _nodes[(payeeMask >> 5) % NODES] : address(0);
        payment.payFromSessionToNetwork(sessionId, taskId, charge, miners, validators, router);
    }

    function refund(uint256 sessionSeed, uint256 taskSeed) external {
        uint256 sessionId = _session(sessionSeed);
        payment.refundTask(sessionId, _task(sessionId, taskSeed));
    }

    function stake(uint256 nodeSeed, uint256 amount) external {
        vm.prank(_node(nodeSeed));
        payment.stake(bound(amount, 0, 500e18));
    }

    function unstake(uint256 nodeSeed, uint256 amount) external {
        vm.prank(_node(nodeSeed));
        payment.unstake(bound(amount, 0, 500e18));
    }

    function withdrawNodePayment(uint256 nodeSeed) external {
        vm.prank(_node(nodeSeed));
        payment.withdrawNodePayment();
    }

    function slash(uint256 nodeSeed, uint256 bps) external {
        payment.slash(_node(nodeSeed), uint16(bound(bps, 0, 10_500)), SlashReason.MissedReveal);
    }

    function setShares(uint256 seed) external {
        uint16 miner = uint16(bound(seed, 0, 10_000));
        uint16 validator = uint16(bound(seed >> 16, 0, 10_000 - miner));
        uint16 routerShare = uint16(bound(seed >> 32, 0, 10_000 - miner - validator));
        vm.prank(admin);
        payment.setShares(Shares(miner, validator, routerShare, 10_000 - miner - validator - routerShare));
    }

    // ---- reads for the invariants --------------------------------------------------------------

    function nodes() external view returns (address[NODES] memory) {
        return _nodes;
    }

    function _session(uint256 seed) private pure returns (uint256) {
        return seed % SESSIONS + 1;
    }

    function _task(uint256 sessionId, uint256 seed) private view returns (uint256) {
        uint256 count = taskCount[sessionId];
        return count == 0 ? 0 : seed % count;
    }

    function _node(uint256 seed) private view returns (address) {
        return _nodes[seed % NODES];
    }

    function _fund(address who) private {
        vm.prank(admin);
        token.mint(who, 100_000e18);
        vm.prank(who);
        token.approve(address(payment), type(uint256).max);
    }

    function _popcount(uint256 x) private pure returns (uint256 count) {
        for (; x != 0; x >>= 1) {
            count += x & 1;
        }
    }
}
