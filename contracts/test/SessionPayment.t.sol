// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Goal: SessionPayment is `protocol/payments` with real COR: deposits and withdrawals by the
// session's owner, one escrow per task closed exactly once (settled with the basis-point split
// and the dust to the treasury, or refunded), stakes, pull payments and slashing; who may call
// what; every revert path; and the token balance always equals the ledger.
// Method: a payment contract with this test as Session, SessionQueue and Cognitive; unit tests
// per function with the accounts checked field by field; fuzz tests of the split against a
// direct computation and of settlement conservation.

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {CorToken} from "../src/CorToken.sol";
import {SessionPayment} from "../src/SessionPayment.sol";
import {ISessionPaymentErrors, ISessionPaymentEvents} from "../src/interfaces/ISessionPayment.sol";

contract SessionPaymentTest is Test, ISessionPaymentEvents, ISessionPaymentErrors {
    uint256 internal constant SESSION = 1;
    uint256 internal constant COR = 1e18;

    CorToken internal token;
    SessionPayment internal payment;
    address internal owner = makeAddr("owner");
    address internal user = makeAddr("user");
    address internal stranger = makeAddr("stranger");
    address internal m1 = makeAddr("miner1");
    address internal m2 = makeAddr("miner2");
    address internal m3 = makeAddr("miner3");
    address internal validator = makeAddr("validator");
    address internal router = makeAddr("router");

    function setUp() public {
        token = new CorToken(owner);
        payment = new SessionPayment(owner, token);
        vm.prank(owner);
        payment.setModules(address(this), address(this), address(this));
        for (uint256 i = 0; i < 4; ++i) {
            address who = [user, m1, m2, m3][i];
            vm.prank(owner);
            token.mint(who, 1_000_000 * COR);
            vm.prank(who);
            token.approve(address(payment), type(uint256).max);
        }
        payment.registerSession(SESSION, user);
    }

    function _deposit(uint256 amount) internal {
        vm.prank(user);
        payment.depositToSession(SESSION, amount);
    }

    function _list(address x, address y) internal pure returns (address[] memory l) {
        l = new address[](2);
        (l[0], l[1]) = (x, y);
    }

    function _one(address x) internal pure returns (address[] memory l) {
        l = new address[](1);
        l[0] = x;
    }

    /// @dev The ledger's identity against the token: balance = deposits + stakes − outflows = holdings.
    function _assertConserved(uint256[] memory sessions, address[] memory nodes) internal view {
        NetworkAccount memory n = payment.getNetworkAccount();
        uint256 balance = token.balanceOf(address(payment));
        assertEq(balance, n.deposited + n.staked - n.sessionWithdrawn - n.nodeWithdrawn - n.unstaked, "in - out");
        uint256 held = n.treasury;
        for (uint256 i = 0; i < sessions.length; ++i) {
            SessionAccount memory s = payment.getSessionAccount(sessions[i]);
            held += s.available + s.escrowed;
            assertEq(s.deposited, s.available + s.escrowed + s.charged + s.withdrawn, "session identity");
        }
        for (uint256 i = 0; i < nodes.length; ++i) {
            NodeAccount memory a = payment.getNodeAccount(nodes[i]);
            held += a.pending + a.stake;
            assertEq(a.staked, a.stake + a.unstaked + a.slashed, "stake identity");
            assertEq(a.earned, a.pending + a.withdrawn, "earnings identity");
        }
        assertEq(balance, held, "held");
        assertEq(n.treasury, n.charged - n.allocated + n.slashed, "treasury");
    }

    function _everyone() internal view returns (uint256[] memory sessions, address[] memory nodes) {
        sessions = new uint256[](1);
        sessions[0] = SESSION;
        nodes = new address[](5);
        (nodes[0], nodes[1], nodes[2], nodes[3], nodes[4]) = (m1, m2, m3, validator, router);
    }

    // ---- construction and administration -------------------------------------------------------

    function test_Constructor_SetsTheSpecShares() public view {
        Shares memory s = payment.getShares();
        assertEq(s.minerShareBps, 8000);
        assertEq(s.validatorShareBps, 1000);
        assertEq(s.routerShareBps, 500);
        assertEq(s.treasuryShareBps, 500);
        assertEq(address(payment.token()), address(token));
    }

    function test_RevertWhen_ConstructorTokenIsZero() public {
        vm.expectRevert(SessionPaymentZeroAddress.selector);
        new SessionPayment(owner, CorToken(address(0)));
    }

    function test_SetShares_StoresAndEmits() public {
        Shares memory s = Shares(7000, 0, 2000, 1000);
        vm.expectEmit(address(payment));
        emit SharesUpdated(s);
        vm.prank(owner);
        payment.setShares(s);
        assertEq(payment.getShares().routerShareBps, 2000);
    }

    function testFuzz_RevertWhen_SharesDoNotSumTo10000(uint16 a, uint16 b, uint16 c, uint16 d) public {
        uint256 sum = uint256(a) + b + c + d;
        vm.assume(sum != 10_000);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentInvalidShares.selector, sum));
        payment.setShares(Shares(a, b, c, d));
    }

    function test_SetModules_StoresAndEmits() public {
        vm.expectEmit(address(payment));
        emit SessionPaymentModulesUpdated(m1, m2, m3);
        vm.prank(owner);
        payment.setModules(m1, m2, m3);
        (address s, address q, address c) = payment.getModules();
        assertEq(s, m1);
        assertEq(q, m2);
        assertEq(c, m3);
    }

    function test_RevertWhen_SetModulesHasAZeroAddress() public {
        vm.startPrank(owner);
        vm.expectRevert(SessionPaymentZeroAddress.selector);
        payment.setModules(address(0), m2, m3);
        vm.expectRevert(SessionPaymentZeroAddress.selector);
        payment.setModules(m1, address(0), m3);
        vm.expectRevert(SessionPaymentZeroAddress.selector);
        payment.setModules(m1, m2, address(0));
        vm.stopPrank();
    }

    function test_RevertWhen_AnAdminCallerIsNotTheOwner() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        payment.setShares(Shares(10_000, 0, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        payment.setModules(m1, m2, m3);
        vm.stopPrank();
    }

    function test_RevertWhen_AModuleCallerIsNotTheModule() public {
        address[] memory none = new address[](0);
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotModule.selector, stranger));
        payment.registerSession(9, stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotModule.selector, stranger));
        payment.transferSessionAccount(SESSION, stranger);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotModule.selector, stranger));
        payment.escrowTask(SESSION, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotModule.selector, stranger));
        payment.payFromSessionToNetwork(SESSION, 0, 0, none, none, address(0));
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotModule.selector, stranger));
        payment.refundTask(SESSION, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotModule.selector, stranger));
        payment.slash(m1, 1, SlashReason.MissedReveal);
        vm.stopPrank();
    }

    // ---- session accounts ----------------------------------------------------------------------

    function test_RegisterSession_OpensAnEmptyAccount() public {
        vm.expectEmit(address(payment));
        emit SessionRegistered(2, stranger);
        payment.registerSession(2, stranger);
        SessionAccount memory s = payment.getSessionAccount(2);
        assertEq(s.owner, stranger);
        assertEq(s.available + s.deposited, 0);
    }

    function test_RevertWhen_RegisterSessionTwice() public {
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentSessionExists.selector, SESSION));
        payment.registerSession(SESSION, stranger);
    }

    function test_Deposit_CreditsAvailableAndPullsTokens() public {
        vm.expectEmit(address(payment));
        emit DepositToSession(SESSION, user, 5 * COR);
        _deposit(5 * COR);
        SessionAccount memory s = payment.getSessionAccount(SESSION);
        assertEq(s.available, 5 * COR);
        assertEq(s.deposited, 5 * COR);
        assertEq(token.balanceOf(address(payment)), 5 * COR);
        assertEq(payment.getNetworkAccount().deposited, 5 * COR);
    }

    function test_RevertWhen_DepositSessionIsUnknown() public {
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentUnknownSession.selector, 7));
        payment.depositToSession(7, COR);
    }

    function test_RevertWhen_DepositCallerIsNotTheOwner() public {
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotOwner.selector, SESSION, m1));
        payment.depositToSession(SESSION, COR);
    }

    function test_RevertWhen_DepositIsZero() public {
        vm.prank(user);
        vm.expectRevert(SessionPaymentZeroAmount.selector);
        payment.depositToSession(SESSION, 0);
    }

    function test_RevertWhen_DepositIsNotApproved() public {
        vm.prank(user);
        token.approve(address(payment), 0);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(payment), 0, COR));
        payment.depositToSession(SESSION, COR);
    }

    function test_Withdraw_ReturnsAvailableToTheOwner() public {
        _deposit(5 * COR);
        uint256 before = token.balanceOf(user);
        vm.expectEmit(address(payment));
        emit SessionBalanceWithdrawn(SESSION, user, 2 * COR);
        vm.prank(user);
        payment.withdrawSessionBalance(SESSION, 2 * COR);
        assertEq(token.balanceOf(user), before + 2 * COR);
        SessionAccount memory s = payment.getSessionAccount(SESSION);
        assertEq(s.available, 3 * COR);
        assertEq(s.withdrawn, 2 * COR);
    }

    function test_RevertWhen_WithdrawExceedsAvailable() public {
        _deposit(5 * COR);
        payment.escrowTask(SESSION, 0, 4 * COR);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentInsufficientBalance.selector, COR, 2 * COR));
        payment.withdrawSessionBalance(SESSION, 2 * COR);
    }

    function test_RevertWhen_WithdrawIsZeroOrNotByTheOwner() public {
        _deposit(COR);
        vm.prank(user);
        vm.expectRevert(SessionPaymentZeroAmount.selector);
        payment.withdrawSessionBalance(SESSION, 0);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotOwner.selector, SESSION, m1));
        payment.withdrawSessionBalance(SESSION, COR);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentUnknownSession.selector, 3));
        payment.withdrawSessionBalance(3, COR);
    }

    function test_TransferSessionAccount_MovesDepositsAndWithdrawals() public {
        _deposit(COR);
        vm.expectEmit(address(payment));
        emit SessionOwnerTransferred(SESSION, m1);
        payment.transferSessionAccount(SESSION, m1);
        vm.prank(user);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNotOwner.selector, SESSION, user));
        payment.withdrawSessionBalance(SESSION, COR);
        vm.prank(m1);
        payment.withdrawSessionBalance(SESSION, COR);
        assertEq(payment.getSessionAccount(SESSION).owner, m1);
    }

    function test_RevertWhen_TransferSessionAccountIsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentUnknownSession.selector, 4));
        payment.transferSessionAccount(4, m1);
    }

    // ---- escrows -------------------------------------------------------------------------------

    function test_EscrowTask_HoldsFunds() public {
        _deposit(3 * COR);
        vm.expectEmit(address(payment));
        emit TaskEscrowed(SESSION, 0, 2 * COR);
        payment.escrowTask(SESSION, 0, 2 * COR);
        SessionAccount memory s = payment.getSessionAccount(SESSION);
        assertEq(s.available, COR);
        assertEq(s.escrowed, 2 * COR);
        TaskEscrow memory e = payment.getTaskEscrow(SESSION, 0);
        assertTrue(e.exists);
        assertEq(uint8(e.status), uint8(EscrowStatus.Open));
        assertEq(e.amount, 2 * COR);
    }

    function test_EscrowTask_AcceptsZero() public {
        payment.escrowTask(SESSION, 0, 0);
        assertTrue(payment.getTaskEscrow(SESSION, 0).exists);
    }

    function test_RevertWhen_EscrowTaskExceedsAvailable() public {
        _deposit(COR);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentInsufficientBalance.selector, COR, COR + 1));
        payment.escrowTask(SESSION, 0, COR + 1);
    }

    function test_RevertWhen_EscrowTaskTwiceOrForAnUnknownSession() public {
        payment.escrowTask(SESSION, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentTaskExists.selector, SESSION, 0));
        payment.escrowTask(SESSION, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentUnknownSession.selector, 5));
        payment.escrowTask(5, 0, 0);
    }

    function test_PayFromSessionToNetwork_SplitsByBasisPoints() public {
        _deposit(10 * COR);
        payment.escrowTask(SESSION, 0, 3 * COR);
        // Charge 1 COR + 1 wei: 80% to 2 miners, 10% to 1 validator, 5% router, treasury 5% + dust.
        uint256 charge = COR + 1;
        uint256 perMiner = charge * 8000 / 10_000 / 2;
        uint256 perValidator = charge * 1000 / 10_000;
        uint256 routerPart = charge * 500 / 10_000;
        uint256 treasury = charge - 2 * perMiner - perValidator - routerPart;
        vm.expectEmit(address(payment));
        emit PaymentToNetwork(SESSION, 0, charge, 3 * COR - charge, treasury);
        vm.expectEmit(address(payment));
        emit NodePaymentAllocated(m1, SESSION, 0, perMiner, PayeeRole.Miner);
        payment.payFromSessionToNetwork(SESSION, 0, charge, _list(m1, m2), _one(validator), router);
        assertEq(payment.getNodeAccount(m1).pending, perMiner);
        assertEq(payment.getNodeAccount(m2).earned, perMiner);
        assertEq(payment.getNodeAccount(validator).pending, perValidator);
        assertEq(payment.getNodeAccount(router).pending, routerPart);
        NetworkAccount memory n = payment.getNetworkAccount();
        assertEq(n.treasury, treasury);
        assertEq(n.charged, charge);
        assertEq(n.allocated, charge - treasury);
        SessionAccount memory s = payment.getSessionAccount(SESSION);
        assertEq(s.escrowed, 0);
        assertEq(s.available, 10 * COR - charge);
        assertEq(s.charged, charge);
        TaskEscrow memory e = payment.getTaskEscrow(SESSION, 0);
        assertEq(uint8(e.status), uint8(EscrowStatus.Settled));
        assertEq(e.charged, charge);
        (uint256[] memory sessions, address[] memory nodes) = _everyone();
        _assertConserved(sessions, nodes);
    }

    function test_PayFromSessionToNetwork_AbsentRolesGoToTheTreasury() public {
        _deposit(COR);
        payment.escrowTask(SESSION, 0, COR);
        payment.payFromSessionToNetwork(SESSION, 0, COR, new address[](0), new address[](0), address(0));
        assertEq(payment.getNetworkAccount().treasury, COR);
        assertEq(payment.getNetworkAccount().allocated, 0);
    }

    function test_PayFromSessionToNetwork_ZeroChargeCreditsNothing() public {
        payment.escrowTask(SESSION, 0, 0);
        vm.recordLogs();
        payment.payFromSessionToNetwork(SESSION, 0, 0, _one(m1), _one(validator), router);
        assertEq(vm.getRecordedLogs().length, 1, "only PaymentToNetwork");
        assertEq(payment.getNodeAccount(m1).earned, 0);
    }

    function test_PayFromSessionToNetwork_OneAddressInTwoRolesGetsBoth() public {
        _deposit(COR);
        payment.escrowTask(SESSION, 0, COR);
        payment.payFromSessionToNetwork(SESSION, 0, COR, _one(m1), _one(m1), m1);
        assertEq(payment.getNodeAccount(m1).pending, COR * 9500 / 10_000);
    }

    function test_RevertWhen_SettleChargeExceedsTheEscrow() public {
        _deposit(COR);
        payment.escrowTask(SESSION, 0, COR);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentInsufficientBalance.selector, COR, COR + 1));
        payment.payFromSessionToNetwork(SESSION, 0, COR + 1, _one(m1), _one(validator), router);
    }

    function test_RevertWhen_SettleListsAPayeeTwice() public {
        payment.escrowTask(SESSION, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentDuplicateMiner.selector, m1));
        payment.payFromSessionToNetwork(SESSION, 0, 0, _list(m1, m1), _one(validator), router);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentDuplicateValidator.selector, validator));
        payment.payFromSessionToNetwork(SESSION, 0, 0, _one(m1), _list(validator, validator), router);
    }

    function test_RevertWhen_AnEscrowIsClosedTwiceOrUnknown() public {
        payment.escrowTask(SESSION, 0, 0);
        payment.refundTask(SESSION, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentWrongPhase.selector, SESSION, 0, EscrowStatus.Refunded));
        payment.refundTask(SESSION, 0);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentWrongPhase.selector, SESSION, 0, EscrowStatus.Refunded));
        payment.payFromSessionToNetwork(SESSION, 0, 0, new address[](0), new address[](0), address(0));
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentUnknownTask.selector, SESSION, 1));
        payment.refundTask(SESSION, 1);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentUnknownTask.selector, SESSION, 1));
        payment.payFromSessionToNetwork(SESSION, 1, 0, new address[](0), new address[](0), address(0));
    }

    function test_RefundTask_ReturnsTheWholeEscrow() public {
        _deposit(2 * COR);
        payment.escrowTask(SESSION, 0, 2 * COR);
        vm.expectEmit(address(payment));
        emit SessionRefunded(SESSION, 0, 2 * COR);
        payment.refundTask(SESSION, 0);
        SessionAccount memory s = payment.getSessionAccount(SESSION);
        assertEq(s.available, 2 * COR);
        assertEq(s.refunded, 2 * COR);
        assertEq(s.escrowed, 0);
        assertEq(payment.getNetworkAccount().refunded, 2 * COR);
    }

    function testFuzz_Settle_ConservesAndSplitsExactly(uint96 escrow, uint96 chargeSeed, uint8 miners, bool withValidator, bool withRouter)
        public
    {
        uint256 amount = bound(escrow, 0, 100_000 * COR);
        uint256 charge = bound(chargeSeed, 0, amount);
        uint256 count = bound(miners, 0, 3);
        if (amount > 0) _deposit(amount);
        payment.escrowTask(SESSION, 0, amount);
        address[] memory ms = new address[](count);
        for (uint256 i = 0; i < count; ++i) {
            ms[i] = [m1, m2, m3][i];
        }
        address[] memory vs = withValidator ? _one(validator) : new address[](0);
        payment.payFromSessionToNetwork(SESSION, 0, charge, ms, vs, withRouter ? router : address(0));
        (uint256 perMiner, uint256 perValidator, uint256 routerPart, uint256 treasury) =
            payment.computeSettlementSplit(charge, count, vs.length, withRouter);
        assertEq(perMiner * count + perValidator * vs.length + routerPart + treasury, charge, "nothing lost or created");
        assertEq(perMiner, count == 0 ? 0 : charge * 8000 / 10_000 / count);
        assertEq(payment.getNetworkAccount().treasury, treasury);
        (uint256[] memory sessions, address[] memory nodes) = _everyone();
        _assertConserved(sessions, nodes);
    }

    // ---- stakes and node payments --------------------------------------------------------------

    function test_StakeAndUnstake_MoveTokensAndTotals() public {
        vm.expectEmit(address(payment));
        emit Staked(m1, 10 * COR, 10 * COR);
        vm.prank(m1);
        payment.stake(10 * COR);
        assertEq(payment.stakeOf(m1), 10 * COR);
        vm.expectEmit(address(payment));
        emit Unstaked(m1, 4 * COR, 6 * COR);
        vm.prank(m1);
        payment.unstake(4 * COR);
        NodeAccount memory a = payment.getNodeAccount(m1);
        assertEq(a.stake, 6 * COR);
        assertEq(a.staked, 10 * COR);
        assertEq(a.unstaked, 4 * COR);
        assertEq(token.balanceOf(address(payment)), 6 * COR);
    }

    function test_RevertWhen_StakeOrUnstakeIsZeroOrTooMuch() public {
        vm.startPrank(m1);
        vm.expectRevert(SessionPaymentZeroAmount.selector);
        payment.stake(0);
        vm.expectRevert(SessionPaymentZeroAmount.selector);
        payment.unstake(0);
        payment.stake(COR);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentInsufficientBalance.selector, COR, COR + 1));
        payment.unstake(COR + 1);
        vm.stopPrank();
    }

    function test_WithdrawNodePayment_PaysEverythingPending() public {
        _deposit(COR);
        payment.escrowTask(SESSION, 0, COR);
        payment.payFromSessionToNetwork(SESSION, 0, COR, _one(m1), new address[](0), address(0));
        uint256 pending = payment.getNodeAccount(m1).pending;
        uint256 before = token.balanceOf(m1);
        vm.expectEmit(address(payment));
        emit NodePaymentWithdrawn(m1, pending);
        vm.prank(m1);
        payment.withdrawNodePayment();
        assertEq(token.balanceOf(m1), before + pending);
        assertEq(payment.getNodeAccount(m1).pending, 0);
        assertEq(payment.getNodeAccount(m1).withdrawn, pending);
    }

    function test_RevertWhen_WithdrawNodePaymentHasNothingPending() public {
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentNothingToWithdraw.selector, m2));
        payment.withdrawNodePayment();
    }

    function test_Slash_MovesBpsOfTheStakeToTheTreasury() public {
        vm.prank(m1);
        payment.stake(3 * COR + 7);
        uint256 amount = (3 * COR + 7) * 1000 / 10_000;
        vm.expectEmit(address(payment));
        emit Slashed(m1, amount, 1000, SlashReason.MissedReveal);
        payment.slash(m1, 1000, SlashReason.MissedReveal);
        assertEq(payment.stakeOf(m1), 3 * COR + 7 - amount);
        assertEq(payment.getNetworkAccount().treasury, amount);
        assertEq(payment.getNodeAccount(m1).slashed, amount);
        payment.slash(m2, 10_000, SlashReason.MissedReveal); // no stake: slashed by zero
        assertEq(payment.getNodeAccount(m2).slashed, 0);
    }

    function test_RevertWhen_SlashBpsExceeds10000() public {
        vm.expectRevert(abi.encodeWithSelector(SessionPaymentInvalidBps.selector, 10_001));
        payment.slash(m1, 10_001, SlashReason.MissedReveal);
    }
}
