// SPDX-License-Identifier: MIT
// contracts/src/interfaces/ISessionPayment.sol (phase 2)
pragma solidity ^0.8.24;

/**
 * @dev Types, events and errors of SessionPayment, the ledger of `protocol/payments`. Amounts are
 * COR in its smallest unit. {EscrowStatus} is `ESCROW_STATUSES` (Open=0, Settled=1, Refunded=2).
 */
interface ISessionPaymentTypes {
    enum EscrowStatus {
        Open,
        Settled,
        Refunded
    }

    /// @dev The role a payee is credited in (`NodePaymentAllocated.role`).
    enum PayeeRole {
        Miner,
        Validator,
        Router
    }

    /// @dev Why a stake is slashed (`slash.reason`).
    enum SlashReason {
        MissedReveal
    }

    /// @dev `payments.*ShareBps`; they sum to exactly 10,000.
    struct Shares {
        uint16 minerShareBps;
        uint16 validatorShareBps;
        uint16 routerShareBps;
        uint16 treasuryShareBps;
    }

    struct SessionAccount {
        address owner;
        uint256 available;
        uint256 escrowed;
        uint256 deposited;
        uint256 charged;
        uint256 refunded;
        uint256 withdrawn;
    }

    struct TaskEscrow {
        bool exists;
        EscrowStatus status;
        uint256 amount;
        uint256 charged;
    }

    struct NodeAccount {
        uint256 stake;
        uint256 pending;
        uint256 withdrawn;
        uint256 earned;
        uint256 slashed;
        uint256 staked;
        uint256 unstaked;
    }

    struct NetworkAccount {
        uint256 treasury;
        uint256 deposited;
        uint256 staked;
        uint256 charged;
        uint256 allocated;
        uint256 refunded;
        uint256 slashed;
        uint256 sessionWithdrawn;
        uint256 nodeWithdrawn;
        uint256 unstaked;
    }
}

interface ISessionPaymentEvents is ISessionPaymentTypes {
    event SessionRegistered(uint256 indexed sessionId, address indexed owner);
    event SessionOwnerTransferred(uint256 indexed sessionId, address indexed owner);
    event DepositToSession(uint256 indexed sessionId, address indexed owner, uint256 amount);
    event SessionBalanceWithdrawn(uint256 indexed sessionId, address indexed owner, uint256 amount);
    event TaskEscrowed(uint256 indexed sessionId, uint256 indexed taskId, uint256 amount);
    event PaymentToNetwork(uint256 indexed sessionId, uint256 indexed taskId, uint256 amount, uint256 returned, uint256 treasury);
    event NodePaymentAllocated(address indexed node, uint256 indexed sessionId, uint256 indexed taskId, uint256 amount, PayeeRole role);
    event SessionRefunded(uint256 indexed sessionId, uint256 indexed taskId, uint256 amount);
    event Staked(address indexed node, uint256 amount, uint256 stake);
    event Unstaked(address indexed node, uint256 amount, uint256 stake);
    event NodePaymentWithdrawn(address indexed node, uint256 amount);
    event Slashed(address indexed node, uint256 amount, uint16 bps, SlashReason reason);
    event SessionPaymentModulesUpdated(address session, address queue, address cognitive);
    event SharesUpdated(Shares shares);
}

interface ISessionPaymentErrors is ISessionPaymentTypes {
    error SessionPaymentNotModule(address account);
    error SessionPaymentZeroAddress();
    error SessionPaymentInvalidShares(uint256 sumBps);
    error SessionPaymentInvalidBps(uint256 bps);
    error SessionPaymentUnknownSession(uint256 sessionId);
    error SessionPaymentSessionExists(uint256 sessionId);
    error SessionPaymentNotOwner(uint256 sessionId, address account);
    error SessionPaymentZeroAmount();
    error SessionPaymentInsufficientBalance(uint256 available, uint256 needed);
    error SessionPaymentNothingToWithdraw(address node);
    error SessionPaymentUnknownTask(uint256 sessionId, uint256 taskId);
    error SessionPaymentTaskExists(uint256 sessionId, uint256 taskId);
    error SessionPaymentWrongPhase(uint256 sessionId, uint256 taskId, EscrowStatus status);
    error SessionPaymentDuplicateMiner(address miner);
    error SessionPaymentDuplicateValidator(address validator);
}

/// @dev What SessionQueue uses: settle or refund a task's escrow, slash a stake.
interface ISessionPaymentQueue is ISessionPaymentTypes {
    function payFromSessionToNetwork(
        uint256 sessionId,
        uint256 taskId,
        uint256 charge,
        address[] calldata miners,
        address[] calldata validators,
        address router
    ) external;

    function refundTask(uint256 sessionId, uint256 taskId) external;

    function slash(address node, uint16 bps, SlashReason reason) external;
}

/// @dev What Session uses: accounts follow sessions, tasks hold escrow.
interface ISessionPaymentSession {
    function registerSession(uint256 sessionId, address owner) external;

    function transferSessionAccount(uint256 sessionId, address newOwner) external;

    function escrowTask(uint256 sessionId, uint256 taskId, uint256 amount) external;
}

/// @dev What NodePool reads.
interface ISessionPaymentStake {
    function stakeOf(address node) external view returns (uint256);
}
