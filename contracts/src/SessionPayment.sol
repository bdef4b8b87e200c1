// SPDX-License-Identifier: MIT
// contracts/src/SessionPayment.sol (phase 2)
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {
    ISessionPaymentErrors,
    ISessionPaymentEvents,
    ISessionPaymentQueue,
    ISessionPaymentSession,
    ISessionPaymentStake
} from "./interfaces/ISessionPayment.sol";

/**
 * @title SessionPayment
 * @dev The ledger of `protocol/payments` holding real COR (an ERC-20): session accounts, one
 * escrow per task, node accounts (stake and pull payments) and the network's treasury and totals.
 *
 * - A session's owner deposits COR ({depositToSession}) and withdraws what is not held
 *   ({withdrawSessionBalance}); Session registers the account, holds each submitted task's escrow
 *   ({escrowTask}) and hands the account over with the session ({transferSessionAccount}).
 * - SessionQueue closes each escrow exactly once: {payFromSessionToNetwork} charges the task and
 *   splits the charge (miners, validators and router by basis points; the treasury gets its own
 *   share, the shares of absent roles and every rounding remainder), returning the rest to the
 *   session; {refundTask} returns all of it. Nodes pull what they earned ({withdrawNodePayment}).
 * - Nodes stake and unstake for themselves; SessionQueue and Cognitive slash a stake to the
 *   treasury when `payments.slashing` asks for it.
 *
 * Conservation holds against the token: the contract's COR balance equals deposits + stakes −
 * withdrawals − unstakes, which equals available + escrowed + pending + stakes + treasury (COR
 * sent here by plain transfer is not part of the ledger). Every function that moves tokens is
 * `nonReentrant` and updates the ledger before the transfer.
 */
contract SessionPayment is
    Ownable2Step,
    ReentrancyGuard,
    ISessionPaymentEvents,
    ISessionPaymentErrors,
    ISessionPaymentQueue,
    ISessionPaymentSession,
    ISessionPaymentStake
{
    using SafeERC20 for IERC20;

    uint256 private constant _BPS = 10_000;

    IERC20 private immutable _token;
    Shares private _shares;
    address private _sessionModule;
    address private _queueModule;
    address private _cognitiveModule;

    mapping(uint256 sessionId => SessionAccount) private _sessions;
    mapping(uint256 sessionId => mapping(uint256 taskId => TaskEscrow)) private _escrows;
    mapping(address node => NodeAccount) private _nodes;
    NetworkAccount private _network;

    modifier onlySessionModule() {
        if (msg.sender != _sessionModule) revert SessionPaymentNotModule(msg.sender);
        _;
    }

    modifier onlyQueue() {
        if (msg.sender != _queueModule) revert SessionPaymentNotModule(msg.sender);
        _;
    }

    /// @dev The spec's default shares: 80% miners, 10% validators, 5% router, 5% treasury.
    constructor(address initialOwner, IERC20 token_) Ownable(initialOwner) {
        if (address(token_) == address(0)) revert SessionPaymentZeroAddress();
        _token = token_;
        _setShares(Shares({minerShareBps: 8000, validatorShareBps: 1000, routerShareBps: 500, treasuryShareBps: 500}));
    }

    // ---- session accounts ----------------------------------------------------------------------

    /**
     * @notice Opens the empty account of a new session (`registerSession`).
     * @dev Requirements: the caller is Session; the account does not exist; `owner` is not zero.
     * Emits {SessionRegistered}.
     */
    function registerSession(uint256 sessionId, address owner) external onlySessionModule {
        SessionAccount storage s = _sessions[sessionId];
        if (s.owner != address(0)) revert SessionPaymentSessionExists(sessionId);
        // Session passes its caller, never the zero address (which would read as "no account").
        s.owner = owner;
        emit SessionRegistered(sessionId, owner);
    }

    /**
     * @notice Deposits and withdrawals follow the session's new owner (SessionV2 `updateOwner`).
     * @dev Requirements: the caller is Session; the account exists; `newOwner` is not zero.
     * Emits {SessionOwnerTransferred}.
     */
    function transferSessionAccount(uint256 sessionId, address newOwner) external onlySessionModule {
        SessionAccount storage s = _getSession(sessionId);
        // Session refuses a zero new owner before it gets here.
        s.owner = newOwner;
        emit SessionOwnerTransferred(sessionId, newOwner);
    }

    /**
     * @notice The session's owner adds `amount` COR to its available balance.
     * @dev Requirements: the session exists; the caller is its owner; `amount` > 0; the caller
     * approved this contract for `amount`. Emits {DepositToSession}.
     */
    function depositToSession(uint256 sessionId, uint256 amount) external nonReentrant {
        SessionAccount storage s = _getSession(sessionId);
        _checkSessionOwner(s, sessionId);
        if (amount == 0) revert SessionPaymentZeroAmount();
        s.available += amount;
        s.deposited += amount;
        _network.deposited += amount;
        emit DepositToSession(sessionId, msg.sender, amount);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /**
     * @notice The session's owner takes `amount` back out of the available balance.
     * @dev Requirements: the session exists; the caller is its owner; 0 < `amount` ≤ available
     * (escrowed funds stay held). Emits {SessionBalanceWithdrawn}.
     */
    function withdrawSessionBalance(uint256 sessionId, uint256 amount) external nonReentrant {
        SessionAccount storage s = _getSession(sessionId);
        _checkSessionOwner(s, sessionId);
        if (amount == 0) revert SessionPaymentZeroAmount();
        if (amount > s.available) revert SessionPaymentInsufficientBalance(s.available, amount);
        s.available -= amount;
        s.withdrawn += amount;
        _network.sessionWithdrawn += amount;
        emit SessionBalanceWithdrawn(sessionId, msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    // ---- task escrows --------------------------------------------------------------------------

    /**
     * @notice Holds `amount` of the session's available balance for task `taskId` (0 is allowed:
     * with zero prices a task is free).
     * @dev Requirements: the caller is Session; the session exists; the task has no escrow yet;
     * `amount` ≤ available. Emits {TaskEscrowed}.
     */
    function escrowTask(uint256 sessionId, uint256 taskId, uint256 amount) external onlySessionModule {
        SessionAccount storage s = _getSession(sessionId);
        TaskEscrow storage e = _escrows[sessionId][taskId];
        if (e.exists) revert SessionPaymentTaskExists(sessionId, taskId);
        if (amount > s.available) revert SessionPaymentInsufficientBalance(s.available, amount);
        s.available -= amount;
        s.escrowed += amount;
        (e.exists, e.status, e.amount) = (true, EscrowStatus.Open, amount);
        emit TaskEscrowed(sessionId, taskId, amount);
    }

    /**
     * @notice Settles a task (the spec's `settleTask`): `charge` leaves its escrow for the network
     * and is split among `miners` (equally), `validators` (equally) and `router` (the zero address
     * for none); the treasury gets its share, absent roles' shares and the remainders; the rest of
     * the escrow returns to the session's available balance. Payees are credited pending payments.
     * @dev Requirements: the caller is SessionQueue; the escrow exists and is Open; `charge` ≤ the
     * escrow; no miner and no validator is listed twice. Emits {PaymentToNetwork}, then
     * {NodePaymentAllocated} per payee credited (miners, validators, router).
     */
    function payFromSessionToNetwork(
        uint256 sessionId,
        uint256 taskId,
        uint256 charge,
        address[] calldata miners,
        address[] calldata validators,
        address router
    ) external onlyQueue {
        TaskEscrow storage e = _getOpenEscrow(sessionId, taskId);
        if (charge > e.amount) revert SessionPaymentInsufficientBalance(e.amount, charge);
        address repeated = _findRepeated(miners);
        if (repeated != address(0)) revert SessionPaymentDuplicateMiner(repeated);
        repeated = _findRepeated(validators);
        if (repeated != address(0)) revert SessionPaymentDuplicateValidator(repeated);
        (uint256 perMiner, uint256 perValidator, uint256 routerPart, uint256 treasury) =
            computeSettlementSplit(charge, miners.length, validators.length, router != address(0));
        _bookSettlement(sessionId, taskId, e, charge, treasury);
        _allocateNodePayments(sessionId, taskId, miners, perMiner, PayeeRole.Miner);
        _allocateNodePayments(sessionId, taskId, validators, perValidator, PayeeRole.Validator);
        if (router != address(0)) _credit(router, sessionId, taskId, routerPart, PayeeRole.Router);
    }

    /**
     * @notice Refunds a failed task: its whole escrow returns to the session's available balance.
     * @dev Requirements: the caller is SessionQueue; the escrow exists and is Open.
     * Emits {SessionRefunded}.
     */
    function refundTask(uint256 sessionId, uint256 taskId) external onlyQueue {
        TaskEscrow storage e = _getOpenEscrow(sessionId, taskId);
        uint256 amount = e.amount;
        SessionAccount storage s = _sessions[sessionId];
        s.escrowed -= amount;
        s.available += amount;
        s.refunded += amount;
        e.status = EscrowStatus.Refunded;
        _network.refunded += amount;
        emit SessionRefunded(sessionId, taskId, amount);
    }

    // ---- nodes ---------------------------------------------------------------------------------

    /**
     * @notice The caller locks `amount` more COR as stake.
     * @dev Requirements: `amount` > 0; the caller approved this contract for it. Emits {Staked}.
     */
    function stake(uint256 amount) external nonReentrant {
        if (amount == 0) revert SessionPaymentZeroAmount();
        NodeAccount storage n = _nodes[msg.sender];
        n.stake += amount;
        n.staked += amount;
        _network.staked += amount;
        emit Staked(msg.sender, amount, n.stake);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /**
     * @notice The caller takes `amount` of its stake back.
     * @dev Requirements: 0 < `amount` ≤ the caller's stake. Emits {Unstaked}.
     */
    function unstake(uint256 amount) external nonReentrant {
        if (amount == 0) revert SessionPaymentZeroAmount();
        NodeAccount storage n = _nodes[msg.sender];
        if (amount > n.stake) revert SessionPaymentInsufficientBalance(n.stake, amount);
        n.stake -= amount;
        n.unstaked += amount;
        _network.unstaked += amount;
        emit Unstaked(msg.sender, amount, n.stake);
        _token.safeTransfer(msg.sender, amount);
    }

    /**
     * @notice The caller pulls everything it has earned and not yet withdrawn.
     * @dev Requirements: the caller has a pending payment. Emits {NodePaymentWithdrawn}.
     */
    function withdrawNodePayment() external nonReentrant {
        NodeAccount storage n = _nodes[msg.sender];
        uint256 amount = n.pending;
        if (amount == 0) revert SessionPaymentNothingToWithdraw(msg.sender);
        n.pending = 0;
        n.withdrawn += amount;
        _network.nodeWithdrawn += amount;
        emit NodePaymentWithdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    /**
     * @notice Moves `bps` of `node`'s stake to the treasury, rounded down (a node without stake is
     * slashed by zero; the event still records the verdict).
     * @dev Requirements: the caller is SessionQueue or Cognitive; `bps` ≤ 10,000. Emits {Slashed}.
     */
    function slash(address node, uint16 bps, SlashReason reason) external {
        if (msg.sender != _queueModule && msg.sender != _cognitiveModule) revert SessionPaymentNotModule(msg.sender);
        if (bps > _BPS) revert SessionPaymentInvalidBps(bps);
        NodeAccount storage n = _nodes[node];
        uint256 amount = n.stake * bps / _BPS;
        n.stake -= amount;
        n.slashed += amount;
        _network.treasury += amount;
        _network.slashed += amount;
        emit Slashed(node, amount, bps, reason);
    }

    // ---- administration ------------------------------------------------------------------------

    /**
     * @notice Wires the modules: Session (accounts, escrows), SessionQueue (settle, refund, slash)
     * and Cognitive (slash).
     * @dev Requirements: the caller is the owner; no address is zero. Emits {SessionPaymentModulesUpdated}.
     */
    function setModules(address session, address queue, address cognitive) external onlyOwner {
        if (session == address(0) || queue == address(0) || cognitive == address(0)) revert SessionPaymentZeroAddress();
        (_sessionModule, _queueModule, _cognitiveModule) = (session, queue, cognitive);
        emit SessionPaymentModulesUpdated(session, queue, cognitive);
    }

    /**
     * @notice Sets the settlement shares (`payments.*ShareBps`).
     * @dev Requirements: the caller is the owner; the four shares sum to exactly 10,000.
     * Emits {SharesUpdated}.
     */
    function setShares(Shares calldata shares) external onlyOwner {
        _setShares(shares);
    }

    // ---- reads ---------------------------------------------------------------------------------

    /**
     * @notice How `charge` splits among `miners` miners, `validators` validators, a router and the
     * treasury (`computeSettlementSplit`): each role's share rounded down and divided equally.
     */
    function computeSettlementSplit(uint256 charge, uint256 miners, uint256 validators, bool hasRouter)
        public
        view
        returns (uint256 perMiner, uint256 perValidator, uint256 router, uint256 treasury)
    {
        Shares memory sh = _shares;
        if (miners > 0) perMiner = charge * sh.minerShareBps / _BPS / miners;
        if (validators > 0) perValidator = charge * sh.validatorShareBps / _BPS / validators;
        if (hasRouter) router = charge * sh.routerShareBps / _BPS;
        // Never negative: each part is at most its share of the charge and the shares sum to 100%.
        treasury = charge - perMiner * miners - perValidator * validators - router;
    }

    function token() external view returns (IERC20) {
        return _token;
    }

    function getShares() external view returns (Shares memory) {
        return _shares;
    }

    function getModules() external view returns (address session, address queue, address cognitive) {
        return (_sessionModule, _queueModule, _cognitiveModule);
    }

    /// @notice The session's account (owner zero: no such session).
    function getSessionAccount(uint256 sessionId) external view returns (SessionAccount memory) {
        return _sessions[sessionId];
    }

    /// @notice Task `taskId`'s escrow (`exists` false: none).
    function getTaskEscrow(uint256 sessionId, uint256 taskId) external view returns (TaskEscrow memory) {
        return _escrows[sessionId][taskId];
    }

    function getNodeAccount(address node) external view returns (NodeAccount memory) {
        return _nodes[node];
    }

    function getNetworkAccount() external view returns (NetworkAccount memory) {
        return _network;
    }

    /// @notice `node`'s stake (what NodePool compares with `selection.minStake`).
    function stakeOf(address node) external view returns (uint256) {
        return _nodes[node].stake;
    }

    // ---- internal ------------------------------------------------------------------------------

    /// @dev The escrow, its session and the network after a settlement (`payFromSessionToNetwork`).
    function _bookSettlement(uint256 sessionId, uint256 taskId, TaskEscrow storage e, uint256 charge, uint256 treasury) private {
        uint256 amount = e.amount;
        SessionAccount storage s = _sessions[sessionId];
        s.escrowed -= amount;
        s.available += amount - charge;
        s.charged += charge;
        (e.status, e.charged) = (EscrowStatus.Settled, charge);
        _network.treasury += treasury;
        _network.charged += charge;
        _network.allocated += charge - treasury;
        emit PaymentToNetwork(sessionId, taskId, charge, amount - charge, treasury);
    }

    /// @dev Credits each payee of `role` its equal share (`allocateNodePayments`).
    function _allocateNodePayments(uint256 sessionId, uint256 taskId, address[] calldata payees, uint256 each, PayeeRole role)
        private
    {
        for (uint256 i = 0; i < payees.length; ++i) {
            _credit(payees[i], sessionId, taskId, each, role);
        }
    }

    /// @dev The one place a node account is credited; a zero credit changes nothing and emits nothing.
    function _credit(address node, uint256 sessionId, uint256 taskId, uint256 amount, PayeeRole role) private {
        if (amount == 0) return;
        NodeAccount storage n = _nodes[node];
        n.pending += amount;
        n.earned += amount;
        emit NodePaymentAllocated(node, sessionId, taskId, amount, role);
    }

    function _getSession(uint256 sessionId) private view returns (SessionAccount storage s) {
        s = _sessions[sessionId];
        if (s.owner == address(0)) revert SessionPaymentUnknownSession(sessionId);
    }

    function _checkSessionOwner(SessionAccount storage s, uint256 sessionId) private view {
        if (msg.sender != s.owner) revert SessionPaymentNotOwner(sessionId, msg.sender);
    }

    function _getOpenEscrow(uint256 sessionId, uint256 taskId) private view returns (TaskEscrow storage e) {
        e = _escrows[sessionId][taskId];
        if (!e.exists) revert SessionPaymentUnknownTask(sessionId, taskId);
        if (e.status != EscrowStatus.Open) revert SessionPaymentWrongPhase(sessionId, taskId, e.status);
    }

    /**
     * @dev The first address listed twice (0: none). Each payee of a role gets one share, so a
     * repeated address would take two. Pairwise: the lists hold a task's few miners and validators.
     */
    function _findRepeated(address[] calldata list) private pure returns (address) {
        for (uint256 i = 1; i < list.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (list[i] == list[j]) return list[i];
            }
        }
        return address(0);
    }

    function _setShares(Shares memory sh) private {
        uint256 sum = uint256(sh.minerShareBps) + sh.validatorShareBps + sh.routerShareBps + sh.treasuryShareBps;
        if (sum != _BPS) revert SessionPaymentInvalidShares(sum);
        _shares = sh;
        emit SharesUpdated(sh);
    }
}
