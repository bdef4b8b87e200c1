// SPDX-License-Identifier: MIT
// contracts/src/libraries/SessionRules.sol (phase 2)
pragma solidity ^0.8.24;

import {ISessionErrors, ISessionTypes} from "../interfaces/ISession.sol";

/**
 * @dev The pure rules of a session (`protocol/session/config.ts` and `llm.ts`): which node types a
 * mode takes, the `llmParams` / `requestParams` arrays of `submit`, and a task's escrow
 * (`protocol/task/pricing.ts`). Each reverts with Session's error for the spec's rejection.
 */
library SessionRules {
    /// @dev The spec's numbers are JavaScript safe integers; larger values are malformed.
    uint256 internal constant MAX_SAFE_INTEGER = 2 ** 53 - 1;

    /// @dev Does a session in `mode` take ephemeral (0, 2) or dedicated (1, 2) nodes (`isNodeTypeAllowed`)?
    function isNodeTypeAllowed(ISessionTypes.SessionMode mode, bool dedicated) internal pure returns (bool) {
        return dedicated ? mode != ISessionTypes.SessionMode.Ephemeral : mode != ISessionTypes.SessionMode.Dedicated;
    }

    /// @dev `checkParamArray`: at most `maxEntries` entries, each a safe integer.
    function checkParamArray(ISessionTypes.InputField field, uint256[] calldata values, uint256 maxEntries) internal pure {
        if (values.length > maxEntries) revert ISessionErrors.SessionTooManyEntries(field, values.length, maxEntries);
        for (uint256 i = 0; i < values.length; ++i) {
            if (values[i] > MAX_SAFE_INTEGER) revert ISessionErrors.SessionInvalidInteger(field, i, values[i]);
        }
    }

    /**
     * @dev `decodeLlmParams`, returning maxTokens: `[maxTokens, temperature×100, topP×100, topK,
     * presencePenalty×100, frequencyPenalty×100, reserved…]`; missing entries take defaults
     * (maxTokens `defaultMaxTokens`); maxTokens in [1, maxTokensCap]; the next five bounded by
     * 200, 100, 1000, 200, 200; reserved entries only need to be safe integers.
     */
    function decodeMaxTokens(uint256[] calldata llmParams, uint256 maxEntries, uint256 defaultMaxTokens, uint256 maxTokensCap)
        internal
        pure
        returns (uint256 maxTokens)
    {
        checkParamArray(ISessionTypes.InputField.LlmParams, llmParams, maxEntries);
        maxTokens = llmParams.length > 0 ? llmParams[0] : defaultMaxTokens;
        if (maxTokens < 1 || maxTokens > maxTokensCap) revert ISessionErrors.SessionLlmParamOutOfRange(0, maxTokens, maxTokensCap);
        // Slot maxima of entries 1–5; a missing entry takes its fallback, which is always in range.
        uint16[5] memory maxima = [uint16(200), 100, 1000, 200, 200];
        for (uint256 i = 1; i <= 5 && i < llmParams.length; ++i) {
            if (llmParams[i] > maxima[i - 1]) revert ISessionErrors.SessionLlmParamOutOfRange(i, llmParams[i], maxima[i - 1]);
        }
    }

    /**
     * @dev What a task holds in escrow when submitted (`computeTaskEscrow`): every assigned miner
     * valid and writing `maxTokens`. The spec's integers are unbounded; a product beyond 256 bits
     * is above any balance, so it reads as the largest amount (and the escrow is refused).
     */
    function computeTaskEscrow(uint256 pricePerMinerTask, uint256 pricePerOutputToken, uint256 redundant, uint256 maxTokens)
        internal
        pure
        returns (uint256)
    {
        unchecked {
            // Checked by hand: each step is tested for overflow before its result is used.
            uint256 tokenPart = pricePerOutputToken * maxTokens;
            if (maxTokens != 0 && tokenPart / maxTokens != pricePerOutputToken) return type(uint256).max;
            uint256 perMiner = pricePerMinerTask + tokenPart;
            if (perMiner < tokenPart) return type(uint256).max;
            uint256 total = perMiner * redundant;
            if (redundant != 0 && total / redundant != perMiner) return type(uint256).max;
            return total;
        }
    }
}
