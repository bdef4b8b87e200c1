//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Cognitive
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const cognitiveAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
      { name: 'msPerTick_', internalType: 'uint256', type: 'uint256' },
      { name: 'originTick_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'preparer', internalType: 'address', type: 'address' },
    ],
    name: 'assignPreparer',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'completion', internalType: 'string', type: 'string' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'commit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'domain', internalType: 'string', type: 'string' },
      { name: 'subdomain', internalType: 'string', type: 'string' },
    ],
    name: 'create',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'forceEnd', internalType: 'bool', type: 'bool' },
    ],
    name: 'end',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'roundId', internalType: 'uint256', type: 'uint256' }],
    name: 'endCommit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'roundId', internalType: 'uint256', type: 'uint256' }],
    name: 'endPrecommit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'getCompleter',
    outputs: [
      {
        name: '',
        internalType: 'struct ICognitiveTypes.CompleterView',
        type: 'tuple',
        components: [
          {
            name: 'state',
            internalType: 'enum ICognitiveTypes.CompleterState',
            type: 'uint8',
          },
          { name: 'precommitHash', internalType: 'bytes32', type: 'bytes32' },
          { name: 'precommitAt', internalType: 'uint64', type: 'uint64' },
          { name: 'committedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'similarity', internalType: 'int32', type: 'int32' },
          { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
          { name: 'completion', internalType: 'string', type: 'string' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'miner', internalType: 'address', type: 'address' }],
    name: 'getLastPickedRound',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getModules',
    outputs: [
      { name: 'registry', internalType: 'address', type: 'address' },
      { name: 'pool', internalType: 'address', type: 'address' },
      { name: 'payment', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getParams',
    outputs: [
      {
        name: '',
        internalType: 'struct ICognitiveTypes.RoundParams',
        type: 'tuple',
        components: [
          { name: 'requestDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'createDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'prepareDeadlineMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'precommitDeadlineMs',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'commitDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'completers', internalType: 'uint16', type: 'uint16' },
          { name: 'minCompleters', internalType: 'uint16', type: 'uint16' },
          { name: 'maxPrompts', internalType: 'uint16', type: 'uint16' },
          {
            name: 'maxCreatorReassignments',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'maxPreparerReassignments',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'minerCooldownRounds',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'roleOverlap',
            internalType: 'enum ICognitiveTypes.RoleOverlap',
            type: 'uint8',
          },
          {
            name: 'commitScheme',
            internalType: 'enum ICognitiveTypes.RoundCommitScheme',
            type: 'uint8',
          },
          { name: 'maxTopicBytes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxChallengeBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxCompletionBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'slashing',
            internalType: 'enum ICognitiveTypes.RoundSlashing',
            type: 'uint8',
          },
          { name: 'slashBps', internalType: 'uint16', type: 'uint16' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'roundId', internalType: 'uint256', type: 'uint256' }],
    name: 'getRound',
    outputs: [
      {
        name: 'v',
        internalType: 'struct ICognitiveTypes.RoundView',
        type: 'tuple',
        components: [
          { name: 'roundId', internalType: 'uint256', type: 'uint256' },
          {
            name: 'status',
            internalType: 'enum ICognitiveTypes.RoundStatus',
            type: 'uint8',
          },
          { name: 'phaseSeq', internalType: 'uint32', type: 'uint32' },
          { name: 'phaseStartedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'phaseDeadline', internalType: 'uint64', type: 'uint64' },
          { name: 'requestedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'updatedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'startedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'endedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'creators', internalType: 'address[]', type: 'address[]' },
          { name: 'domain', internalType: 'string', type: 'string' },
          { name: 'subdomain', internalType: 'string', type: 'string' },
          { name: 'preparers', internalType: 'address[]', type: 'address[]' },
          { name: 'challenges', internalType: 'string[]', type: 'string[]' },
          { name: 'completers', internalType: 'address[]', type: 'address[]' },
          { name: 'validator', internalType: 'address', type: 'address' },
          { name: 'completed', internalType: 'bool', type: 'bool' },
          {
            name: 'failureReason',
            internalType: 'enum ICognitiveTypes.RoundFailureReason',
            type: 'uint8',
          },
          {
            name: 'failurePhase',
            internalType: 'enum ICognitiveTypes.RoundStatus',
            type: 'uint8',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getRoundCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'scheme',
        internalType: 'enum ICognitiveTypes.RoundCommitScheme',
        type: 'uint8',
      },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'completion', internalType: 'string', type: 'string' },
    ],
    name: 'getRoundHash',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [],
    name: 'msPerTick',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'originTick',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ping',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'hash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'precommit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'challenges', internalType: 'string[]', type: 'string[]' },
    ],
    name: 'prepare',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'creator', internalType: 'address', type: 'address' }],
    name: 'request',
    outputs: [{ name: 'roundId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'creator', internalType: 'address', type: 'address' },
    ],
    name: 'requestNextCreator',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'preparer', internalType: 'address', type: 'address' },
    ],
    name: 'requestNextPreparer',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'registry',
        internalType: 'contract IOracleRegistry',
        type: 'address',
      },
      { name: 'pool', internalType: 'contract NodePool', type: 'address' },
      {
        name: 'payment',
        internalType: 'contract ISessionPaymentQueue',
        type: 'address',
      },
    ],
    name: 'setModules',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'params',
        internalType: 'struct ICognitiveTypes.RoundParams',
        type: 'tuple',
        components: [
          { name: 'requestDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'createDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'prepareDeadlineMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'precommitDeadlineMs',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'commitDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'completers', internalType: 'uint16', type: 'uint16' },
          { name: 'minCompleters', internalType: 'uint16', type: 'uint16' },
          { name: 'maxPrompts', internalType: 'uint16', type: 'uint16' },
          {
            name: 'maxCreatorReassignments',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'maxPreparerReassignments',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'minerCooldownRounds',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'roleOverlap',
            internalType: 'enum ICognitiveTypes.RoleOverlap',
            type: 'uint8',
          },
          {
            name: 'commitScheme',
            internalType: 'enum ICognitiveTypes.RoundCommitScheme',
            type: 'uint8',
          },
          { name: 'maxTopicBytes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxChallengeBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxCompletionBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'slashing',
            internalType: 'enum ICognitiveTypes.RoundSlashing',
            type: 'uint8',
          },
          { name: 'slashBps', internalType: 'uint16', type: 'uint16' },
        ],
      },
    ],
    name: 'setParams',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'completers', internalType: 'address[]', type: 'address[]' },
    ],
    name: 'start',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'address[]', type: 'address[]' },
      { name: 'valid', internalType: 'bool[]', type: 'bool[]' },
      { name: 'similarities', internalType: 'int256[]', type: 'int256[]' },
    ],
    name: 'validate',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'registry',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'pool',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'payment',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'CognitiveModulesUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'NewSessionRequest',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'NewSessionRequestAssigned',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'params',
        internalType: 'struct ICognitiveTypes.RoundParams',
        type: 'tuple',
        components: [
          { name: 'requestDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'createDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'prepareDeadlineMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'precommitDeadlineMs',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'commitDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'completers', internalType: 'uint16', type: 'uint16' },
          { name: 'minCompleters', internalType: 'uint16', type: 'uint16' },
          { name: 'maxPrompts', internalType: 'uint16', type: 'uint16' },
          {
            name: 'maxCreatorReassignments',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'maxPreparerReassignments',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'minerCooldownRounds',
            internalType: 'uint16',
            type: 'uint16',
          },
          {
            name: 'roleOverlap',
            internalType: 'enum ICognitiveTypes.RoleOverlap',
            type: 'uint8',
          },
          {
            name: 'commitScheme',
            internalType: 'enum ICognitiveTypes.RoundCommitScheme',
            type: 'uint8',
          },
          { name: 'maxTopicBytes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxChallengeBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxCompletionBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'slashing',
            internalType: 'enum ICognitiveTypes.RoundSlashing',
            type: 'uint8',
          },
          { name: 'slashBps', internalType: 'uint16', type: 'uint16' },
        ],
        indexed: false,
      },
    ],
    name: 'RoundParamsUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'SessionAllCommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      { name: 'forceEnd', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'SessionAllPrecommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SessionCommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SessionCreated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'endedAt',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      { name: 'completed', internalType: 'bool', type: 'bool', indexed: false },
      {
        name: 'reason',
        internalType: 'enum ICognitiveTypes.RoundFailureReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'SessionEnded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SessionPrecommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SessionPrepareAssigned',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SessionPrepared',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'startedAt',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'SessionStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'roundId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'valid',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'outliers',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'SessionValidated',
  },
  {
    type: 'error',
    inputs: [{ name: 'msPerTick', internalType: 'uint256', type: 'uint256' }],
    name: 'ChainClockInvalidTimeUnit',
  },
  {
    type: 'error',
    inputs: [
      { name: 'valueMs', internalType: 'uint256', type: 'uint256' },
      { name: 'msPerTick', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChainClockNotWholeTicks',
  },
  {
    type: 'error',
    inputs: [
      { name: 'originTick', internalType: 'uint256', type: 'uint256' },
      { name: 'nowTick', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChainClockOriginInFuture',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      {
        name: 'state',
        internalType: 'enum ICognitiveTypes.CompleterState',
        type: 'uint8',
      },
    ],
    name: 'CognitiveAlreadyActed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'validator', internalType: 'address', type: 'address' },
    ],
    name: 'CognitiveAlreadyValidated',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveDeadlinePassed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'CognitiveDuplicateMiner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'field', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveInvalidParam',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'field', internalType: 'uint8', type: 'uint8' },
      { name: 'length', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveInvalidString',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'lastPickedRound', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveMinerCoolingDown',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'CognitiveMinerNotEligible',
  },
  {
    type: 'error',
    inputs: [{ name: 'roundId', internalType: 'uint256', type: 'uint256' }],
    name: 'CognitiveNoPreparer',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'CognitiveNotAssignedMiner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'CognitiveNotPrecommitted',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitivePhaseNotOver',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'preparer', internalType: 'address', type: 'address' },
    ],
    name: 'CognitivePreparerAssigned',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'precommitHash', internalType: 'bytes32', type: 'bytes32' },
      { name: 'revealHash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'CognitiveRevealMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'similarity', internalType: 'int256', type: 'int256' },
    ],
    name: 'CognitiveSimilarityOutOfRange',
  },
  {
    type: 'error',
    inputs: [{ name: 'roundId', internalType: 'uint256', type: 'uint256' }],
    name: 'CognitiveUnknownRound',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'uint256', type: 'uint256' },
      { name: 'validFlags', internalType: 'uint256', type: 'uint256' },
      { name: 'similarities', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveVerdictLengthMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'given', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveWrongChallengeCount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'given', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveWrongCompleterCount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum ICognitiveTypes.RoundStatus',
        type: 'uint8',
      },
    ],
    name: 'CognitiveWrongPhase',
  },
  {
    type: 'error',
    inputs: [
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'given', internalType: 'uint256', type: 'uint256' },
      { name: 'revealed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'CognitiveWrongVerdictCount',
  },
  { type: 'error', inputs: [], name: 'CognitiveZeroAddress' },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// CorToken
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const corTokenAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'owner', internalType: 'address', type: 'address' },
      { name: 'spender', internalType: 'address', type: 'address' },
    ],
    name: 'allowance',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'approve',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'balanceOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'decimals',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'mint',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'name',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'symbol',
    outputs: [{ name: '', internalType: 'string', type: 'string' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'totalSupply',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transfer',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'from', internalType: 'address', type: 'address' },
      { name: 'to', internalType: 'address', type: 'address' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'transferFrom',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'spender',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Approval',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'value',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Transfer',
  },
  {
    type: 'error',
    inputs: [
      { name: 'spender', internalType: 'address', type: 'address' },
      { name: 'allowance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientAllowance',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sender', internalType: 'address', type: 'address' },
      { name: 'balance', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ERC20InsufficientBalance',
  },
  {
    type: 'error',
    inputs: [{ name: 'approver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidApprover',
  },
  {
    type: 'error',
    inputs: [{ name: 'receiver', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidReceiver',
  },
  {
    type: 'error',
    inputs: [{ name: 'sender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSender',
  },
  {
    type: 'error',
    inputs: [{ name: 'spender', internalType: 'address', type: 'address' }],
    name: 'ERC20InvalidSpender',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// ISessionV2
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const iSessionV2Abi = [
  {
    type: 'function',
    inputs: [
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'metadata', internalType: 'string', type: 'string' },
      { name: 'variableAddress', internalType: 'address', type: 'address' },
      { name: 'minNumOfNodes', internalType: 'uint256', type: 'uint256' },
      { name: 'maxNumOfNodes', internalType: 'uint256', type: 'uint256' },
      { name: 'redundant', internalType: 'uint256', type: 'uint256' },
      { name: 'numOfValidatorNodes', internalType: 'uint256', type: 'uint256' },
      { name: 'mode', internalType: 'uint256', type: 'uint256' },
      { name: 'reserveEphemeralNodes', internalType: 'bool', type: 'bool' },
      { name: 'sla', internalType: 'uint256', type: 'uint256' },
      { name: 'modelIdentifier', internalType: 'uint256', type: 'uint256' },
      { name: 'reservePeriod', internalType: 'uint256', type: 'uint256' },
      {
        name: 'maxTaskExecutionCount',
        internalType: 'uint256',
        type: 'uint256',
      },
    ],
    name: 'create',
    outputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// NodePool
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const nodePoolAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
      { name: 'msPerTick_', internalType: 'uint256', type: 'uint256' },
      { name: 'originTick_', internalType: 'uint256', type: 'uint256' },
      { name: 'windowMs', internalType: 'uint256', type: 'uint256' },
      { name: 'windowBuckets', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'actor', internalType: 'address', type: 'address' },
    ],
    name: 'addDedicated',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'ban',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'checkLiveness',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'modelId', internalType: 'uint256', type: 'uint256' },
      { name: 'minLevel', internalType: 'uint256', type: 'uint256' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'checkSelectable',
    outputs: [
      {
        name: '',
        internalType: 'enum INodePoolTypes.NotSelectableReason',
        type: 'uint8',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getLevel',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getMetrics',
    outputs: [
      { name: 'counters', internalType: 'uint64[10]', type: 'uint64[10]' },
      { name: 'points', internalType: 'uint64[10]', type: 'uint64[10]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getModules',
    outputs: [
      { name: 'session', internalType: 'address', type: 'address' },
      { name: 'queue', internalType: 'address', type: 'address' },
      { name: 'cognitive', internalType: 'address', type: 'address' },
      { name: 'payment', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getNode',
    outputs: [
      {
        name: 'v',
        internalType: 'struct INodePoolTypes.NodeView',
        type: 'tuple',
        components: [
          {
            name: 'status',
            internalType: 'enum INodePoolTypes.NodeStatus',
            type: 'uint8',
          },
          { name: 'statusSeq', internalType: 'uint32', type: 'uint32' },
          { name: 'statusSince', internalType: 'uint64', type: 'uint64' },
          { name: 'registeredAt', internalType: 'uint64', type: 'uint64' },
          { name: 'updatedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'online', internalType: 'bool', type: 'bool' },
          { name: 'lastPingAt', internalType: 'uint64', type: 'uint64' },
          { name: 'missedPings', internalType: 'uint32', type: 'uint32' },
          { name: 'models', internalType: 'uint256[]', type: 'uint256[]' },
          {
            name: 'dedicatedSessions',
            internalType: 'uint256[]',
            type: 'uint256[]',
          },
          { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
          { name: 'reservedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'tasksExecuted', internalType: 'uint32', type: 'uint32' },
          { name: 'reservePeriodMs', internalType: 'uint64', type: 'uint64' },
          {
            name: 'maxTaskExecutionCount',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'releasedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'passedRounds', internalType: 'uint32', type: 'uint32' },
          { name: 'lastRoundId', internalType: 'int256', type: 'int256' },
          { name: 'roundsSeenMask', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getParams',
    outputs: [
      {
        name: '',
        internalType: 'struct INodePoolTypes.NodeParams',
        type: 'tuple',
        components: [
          { name: 'pingIntervalMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'offlineAfterMissedPings',
            internalType: 'uint16',
            type: 'uint16',
          },
          { name: 'maxModels', internalType: 'uint16', type: 'uint16' },
          {
            name: 'maxDedicatedSessions',
            internalType: 'uint16',
            type: 'uint16',
          },
          { name: 'minAttempts', internalType: 'uint32', type: 'uint32' },
          { name: 'minSuccessRatePpm', internalType: 'uint32', type: 'uint32' },
          {
            name: 'minConsecutiveSuccesses',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'revalidationRounds', internalType: 'uint8', type: 'uint8' },
          {
            name: 'poolExit',
            internalType: 'enum INodePoolTypes.PoolExit',
            type: 'uint8',
          },
          { name: 'levelsMax', internalType: 'uint8', type: 'uint8' },
          { name: 'baseConsecutive', internalType: 'uint32', type: 'uint32' },
          { name: 'stepConsecutive', internalType: 'uint32', type: 'uint32' },
          {
            name: 'baseSuccessRatePpm',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'stepSuccessRatePpm',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'downgradeFailureStreak',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'releaseRule',
            internalType: 'enum INodePoolTypes.ReleaseRule',
            type: 'uint8',
          },
          {
            name: 'maxReservePeriodMs',
            internalType: 'uint64',
            type: 'uint64',
          },
          {
            name: 'maxTaskExecutionCountCap',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'minStake', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getReputation',
    outputs: [
      {
        name: 'v',
        internalType: 'struct INodePoolTypes.ReputationView',
        type: 'tuple',
        components: [
          { name: 'attempts', internalType: 'uint32', type: 'uint32' },
          { name: 'successes', internalType: 'uint32', type: 'uint32' },
          { name: 'successStreak', internalType: 'uint32', type: 'uint32' },
          { name: 'failureStreak', internalType: 'uint32', type: 'uint32' },
          { name: 'headBucket', internalType: 'uint64', type: 'uint64' },
          {
            name: 'windowTotalAttempts',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'windowTotalSuccesses',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'level', internalType: 'uint8', type: 'uint8' },
          {
            name: 'levelSuccessStreak',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'levelFailureStreak',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'levelChangedAt', internalType: 'uint64', type: 'uint64' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getReservation',
    outputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'due', internalType: 'bool', type: 'bool' },
      {
        name: 'reason',
        internalType: 'enum INodePoolTypes.ReleaseReason',
        type: 'uint8',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getSessionLimits',
    outputs: [
      { name: 'levelsMax', internalType: 'uint256', type: 'uint256' },
      { name: 'maxReservePeriodMs', internalType: 'uint256', type: 'uint256' },
      {
        name: 'maxTaskExecutionCountCap',
        internalType: 'uint256',
        type: 'uint256',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getStatus',
    outputs: [
      {
        name: '',
        internalType: 'enum INodePoolTypes.NodeStatus',
        type: 'uint8',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getWindowCounts',
    outputs: [
      { name: 'attempts', internalType: 'uint256', type: 'uint256' },
      { name: 'successes', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getWindowGeometry',
    outputs: [
      { name: 'windowMs', internalType: 'uint256', type: 'uint256' },
      { name: 'buckets', internalType: 'uint256', type: 'uint256' },
      { name: 'bucketMs', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'isOnline',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'msPerTick',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'originTick',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'ping',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'pingFor',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
      { name: 'success', internalType: 'bool', type: 'bool' },
    ],
    name: 'recordCognitiveOutcome',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      {
        name: 'metric',
        internalType: 'enum INodePoolTypes.Metric',
        type: 'uint8',
      },
      { name: 'success', internalType: 'bool', type: 'bool' },
    ],
    name: 'recordStat',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'models', internalType: 'uint256[]', type: 'uint256[]' }],
    name: 'register',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'reason',
        internalType: 'enum INodePoolTypes.ReleaseReason',
        type: 'uint8',
      },
    ],
    name: 'release',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'actor', internalType: 'address', type: 'address' },
    ],
    name: 'removeDedicated',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'requireAssignable',
    outputs: [],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'requireNetworkEligible',
    outputs: [],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'modelId', internalType: 'uint256', type: 'uint256' },
      { name: 'minLevel', internalType: 'uint256', type: 'uint256' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'requireSelectable',
    outputs: [],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'reservePeriodMs', internalType: 'uint256', type: 'uint256' },
      {
        name: 'maxTaskExecutionCount',
        internalType: 'uint256',
        type: 'uint256',
      },
    ],
    name: 'reserve',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'modelId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'servesModel',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'session', internalType: 'address', type: 'address' },
      { name: 'queue', internalType: 'address', type: 'address' },
      { name: 'cognitive', internalType: 'address', type: 'address' },
      {
        name: 'payment',
        internalType: 'contract ISessionPaymentStake',
        type: 'address',
      },
    ],
    name: 'setModules',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'params',
        internalType: 'struct INodePoolTypes.NodeParams',
        type: 'tuple',
        components: [
          { name: 'pingIntervalMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'offlineAfterMissedPings',
            internalType: 'uint16',
            type: 'uint16',
          },
          { name: 'maxModels', internalType: 'uint16', type: 'uint16' },
          {
            name: 'maxDedicatedSessions',
            internalType: 'uint16',
            type: 'uint16',
          },
          { name: 'minAttempts', internalType: 'uint32', type: 'uint32' },
          { name: 'minSuccessRatePpm', internalType: 'uint32', type: 'uint32' },
          {
            name: 'minConsecutiveSuccesses',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'revalidationRounds', internalType: 'uint8', type: 'uint8' },
          {
            name: 'poolExit',
            internalType: 'enum INodePoolTypes.PoolExit',
            type: 'uint8',
          },
          { name: 'levelsMax', internalType: 'uint8', type: 'uint8' },
          { name: 'baseConsecutive', internalType: 'uint32', type: 'uint32' },
          { name: 'stepConsecutive', internalType: 'uint32', type: 'uint32' },
          {
            name: 'baseSuccessRatePpm',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'stepSuccessRatePpm',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'downgradeFailureStreak',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'releaseRule',
            internalType: 'enum INodePoolTypes.ReleaseRule',
            type: 'uint8',
          },
          {
            name: 'maxReservePeriodMs',
            internalType: 'uint64',
            type: 'uint64',
          },
          {
            name: 'maxTaskExecutionCountCap',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'minStake', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    name: 'setParams',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'taskExecuted',
    outputs: [
      { name: 'applied', internalType: 'bool', type: 'bool' },
      { name: 'releaseDue', internalType: 'bool', type: 'bool' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'unban',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'actor',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'DedicatedNodeAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'actor',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'DedicatedNodeRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'actor',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'NodeBanned',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'previousLevel',
        internalType: 'uint8',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'newLevel',
        internalType: 'uint8',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'reason',
        internalType: 'enum INodePoolTypes.LevelChangeReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'NodeLevelChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'missedPings',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'lastPingAt',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'NodeOffline',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'NodeOnline',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'session',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'queue',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'cognitive',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'payment',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'NodePoolModulesUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'params',
        internalType: 'struct INodePoolTypes.NodeParams',
        type: 'tuple',
        components: [
          { name: 'pingIntervalMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'offlineAfterMissedPings',
            internalType: 'uint16',
            type: 'uint16',
          },
          { name: 'maxModels', internalType: 'uint16', type: 'uint16' },
          {
            name: 'maxDedicatedSessions',
            internalType: 'uint16',
            type: 'uint16',
          },
          { name: 'minAttempts', internalType: 'uint32', type: 'uint32' },
          { name: 'minSuccessRatePpm', internalType: 'uint32', type: 'uint32' },
          {
            name: 'minConsecutiveSuccesses',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'revalidationRounds', internalType: 'uint8', type: 'uint8' },
          {
            name: 'poolExit',
            internalType: 'enum INodePoolTypes.PoolExit',
            type: 'uint8',
          },
          { name: 'levelsMax', internalType: 'uint8', type: 'uint8' },
          { name: 'baseConsecutive', internalType: 'uint32', type: 'uint32' },
          { name: 'stepConsecutive', internalType: 'uint32', type: 'uint32' },
          {
            name: 'baseSuccessRatePpm',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'stepSuccessRatePpm',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'downgradeFailureStreak',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'releaseRule',
            internalType: 'enum INodePoolTypes.ReleaseRule',
            type: 'uint8',
          },
          {
            name: 'maxReservePeriodMs',
            internalType: 'uint64',
            type: 'uint64',
          },
          {
            name: 'maxTaskExecutionCountCap',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'minStake', internalType: 'uint256', type: 'uint256' },
        ],
        indexed: false,
      },
    ],
    name: 'NodePoolParamsUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'models',
        internalType: 'uint256[]',
        type: 'uint256[]',
        indexed: false,
      },
    ],
    name: 'NodeRegistered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'reason',
        internalType: 'enum INodePoolTypes.ReleaseReason',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'tasksExecuted',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
    ],
    name: 'NodeReleased',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'reservedAt',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'reservePeriodMs',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
      {
        name: 'maxTaskExecutionCount',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
    ],
    name: 'NodeReserved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'from',
        internalType: 'enum INodePoolTypes.NodeStatus',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'to',
        internalType: 'enum INodePoolTypes.NodeStatus',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'NodeStatusChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'actor',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'NodeUnbanned',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'error',
    inputs: [{ name: 'msPerTick', internalType: 'uint256', type: 'uint256' }],
    name: 'ChainClockInvalidTimeUnit',
  },
  {
    type: 'error',
    inputs: [
      { name: 'valueMs', internalType: 'uint256', type: 'uint256' },
      { name: 'msPerTick', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChainClockNotWholeTicks',
  },
  {
    type: 'error',
    inputs: [
      { name: 'originTick', internalType: 'uint256', type: 'uint256' },
      { name: 'nowTick', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChainClockOriginInFuture',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolAlreadyDedicated',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      {
        name: 'status',
        internalType: 'enum INodePoolTypes.NodeStatus',
        type: 'uint8',
      },
    ],
    name: 'NodePoolAlreadyRegistered',
  },
  {
    type: 'error',
    inputs: [{ name: 'modelId', internalType: 'uint256', type: 'uint256' }],
    name: 'NodePoolDuplicateModel',
  },
  {
    type: 'error',
    inputs: [{ name: 'modelId', internalType: 'uint256', type: 'uint256' }],
    name: 'NodePoolInvalidModelId',
  },
  {
    type: 'error',
    inputs: [
      { name: 'count', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolInvalidModels',
  },
  {
    type: 'error',
    inputs: [
      { name: 'field', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolInvalidParam',
  },
  {
    type: 'error',
    inputs: [
      {
        name: 'reason',
        internalType: 'enum INodePoolTypes.ReleaseReason',
        type: 'uint8',
      },
    ],
    name: 'NodePoolInvalidReleaseReason',
  },
  {
    type: 'error',
    inputs: [
      { name: 'reservePeriodMs', internalType: 'uint256', type: 'uint256' },
      {
        name: 'maxTaskExecutionCount',
        internalType: 'uint256',
        type: 'uint256',
      },
    ],
    name: 'NodePoolInvalidReservation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'level', internalType: 'uint256', type: 'uint256' },
      { name: 'minLevel', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolLevelTooLow',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'modelId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolModelNotServed',
  },
  {
    type: 'error',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'NodePoolNodeBanned',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      {
        name: 'status',
        internalType: 'enum INodePoolTypes.NodeStatus',
        type: 'uint8',
      },
    ],
    name: 'NodePoolNodeNotAvailable',
  },
  {
    type: 'error',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'NodePoolNodeOffline',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolNodeReserved',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolNotDedicated',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'NodePoolNotModule',
  },
  {
    type: 'error',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'NodePoolNotRegistered',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'roundId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolOutcomeAlreadyRecorded',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      {
        name: 'reason',
        internalType: 'enum INodePoolTypes.ReleaseReason',
        type: 'uint8',
      },
    ],
    name: 'NodePoolReleaseNotDue',
  },
  {
    type: 'error',
    inputs: [
      { name: 'reservePeriodMs', internalType: 'uint256', type: 'uint256' },
      {
        name: 'maxTaskExecutionCount',
        internalType: 'uint256',
        type: 'uint256',
      },
    ],
    name: 'NodePoolReservationTooLong',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'stake', internalType: 'uint256', type: 'uint256' },
      { name: 'minStake', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolStakeTooLow',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolTooManyDedicatedSessions',
  },
  {
    type: 'error',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'NodePoolUnknownNode',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      {
        name: 'status',
        internalType: 'enum INodePoolTypes.NodeStatus',
        type: 'uint8',
      },
    ],
    name: 'NodePoolWrongPhase',
  },
  {
    type: 'error',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'reservedBy', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'NodePoolWrongSession',
  },
  { type: 'error', inputs: [], name: 'NodePoolZeroAddress' },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// OracleRegistry
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const oracleRegistryAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
      { name: 'msPerTick_', internalType: 'uint256', type: 'uint256' },
      { name: 'originTick_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_DURATION_MS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_MISSED_HEARTBEATS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_ORACLES',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'actor', internalType: 'address', type: 'address' }],
    name: 'authorize',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'oracle', internalType: 'address', type: 'address' }],
    name: 'deregisterOracle',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getCurrentWindow',
    outputs: [{ name: '', internalType: 'uint64', type: 'uint64' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getLeader',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getOracleSet',
    outputs: [
      {
        name: 'v',
        internalType: 'struct IOracleRegistryTypes.OracleSetView',
        type: 'tuple',
        components: [
          {
            name: 'status',
            internalType: 'enum IOracleRegistryTypes.OracleSetStatus',
            type: 'uint8',
          },
          { name: 'oracles', internalType: 'address[]', type: 'address[]' },
          { name: 'window', internalType: 'uint64', type: 'uint64' },
          { name: 'leader', internalType: 'address', type: 'address' },
          { name: 'leaderSince', internalType: 'uint64', type: 'uint64' },
          { name: 'leaderActiveAt', internalType: 'uint64', type: 'uint64' },
          { name: 'rotatedOut', internalType: 'address[]', type: 'address[]' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getOracles',
    outputs: [{ name: '', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getParams',
    outputs: [
      {
        name: '',
        internalType: 'struct IOracleRegistryTypes.OracleParams',
        type: 'tuple',
        components: [
          { name: 'windowMs', internalType: 'uint32', type: 'uint32' },
          { name: 'graceMs', internalType: 'uint32', type: 'uint32' },
          { name: 'heartbeatMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'failoverRule',
            internalType: 'enum IOracleRegistryTypes.FailoverRule',
            type: 'uint8',
          },
          { name: 'missedHeartbeats', internalType: 'uint16', type: 'uint16' },
          {
            name: 'mode',
            internalType: 'enum IOracleRegistryTypes.OracleMode',
            type: 'uint8',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getRotationDueAt',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'heartbeat',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'isModule',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'isOracle',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'msPerTick',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'originTick',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'oracle', internalType: 'address', type: 'address' }],
    name: 'registerOracle',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'oracles', internalType: 'address[]', type: 'address[]' }],
    name: 'registerOracles',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'rotate',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'module', internalType: 'address', type: 'address' },
      { name: 'allowed', internalType: 'bool', type: 'bool' },
    ],
    name: 'setModule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'params',
        internalType: 'struct IOracleRegistryTypes.OracleParams',
        type: 'tuple',
        components: [
          { name: 'windowMs', internalType: 'uint32', type: 'uint32' },
          { name: 'graceMs', internalType: 'uint32', type: 'uint32' },
          { name: 'heartbeatMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'failoverRule',
            internalType: 'enum IOracleRegistryTypes.FailoverRule',
            type: 'uint8',
          },
          { name: 'missedHeartbeats', internalType: 'uint16', type: 'uint16' },
          {
            name: 'mode',
            internalType: 'enum IOracleRegistryTypes.OracleMode',
            type: 'uint8',
          },
        ],
      },
    ],
    name: 'setParams',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'tick',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'window', internalType: 'uint64', type: 'uint64', indexed: true },
      { name: 'from', internalType: 'address', type: 'address', indexed: true },
      { name: 'to', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'reason',
        internalType: 'enum IOracleRegistryTypes.LeaderChangeReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'LeaderChanged',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'oracle',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OracleDeregistered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'oracle',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'window',
        internalType: 'uint64',
        type: 'uint64',
        indexed: false,
      },
    ],
    name: 'OracleHeartbeat',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'module',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'allowed', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'OracleModuleUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'params',
        internalType: 'struct IOracleRegistryTypes.OracleParams',
        type: 'tuple',
        components: [
          { name: 'windowMs', internalType: 'uint32', type: 'uint32' },
          { name: 'graceMs', internalType: 'uint32', type: 'uint32' },
          { name: 'heartbeatMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'failoverRule',
            internalType: 'enum IOracleRegistryTypes.FailoverRule',
            type: 'uint8',
          },
          { name: 'missedHeartbeats', internalType: 'uint16', type: 'uint16' },
          {
            name: 'mode',
            internalType: 'enum IOracleRegistryTypes.OracleMode',
            type: 'uint8',
          },
        ],
        indexed: false,
      },
    ],
    name: 'OracleParamsUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'oracle',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OracleRegistered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'error',
    inputs: [{ name: 'msPerTick', internalType: 'uint256', type: 'uint256' }],
    name: 'ChainClockInvalidTimeUnit',
  },
  {
    type: 'error',
    inputs: [
      { name: 'valueMs', internalType: 'uint256', type: 'uint256' },
      { name: 'msPerTick', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChainClockNotWholeTicks',
  },
  {
    type: 'error',
    inputs: [
      { name: 'originTick', internalType: 'uint256', type: 'uint256' },
      { name: 'nowTick', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ChainClockOriginInFuture',
  },
  {
    type: 'error',
    inputs: [{ name: 'oracle', internalType: 'address', type: 'address' }],
    name: 'OracleRegistryAlreadyRegistered',
  },
  {
    type: 'error',
    inputs: [
      { name: 'field', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'OracleRegistryInvalidParam',
  },
  {
    type: 'error',
    inputs: [{ name: 'oracle', internalType: 'address', type: 'address' }],
    name: 'OracleRegistryLastOracle',
  },
  {
    type: 'error',
    inputs: [
      { name: 'oracle', internalType: 'address', type: 'address' },
      { name: 'window', internalType: 'uint64', type: 'uint64' },
    ],
    name: 'OracleRegistryLeaderCannotLeave',
  },
  {
    type: 'error',
    inputs: [{ name: 'window', internalType: 'uint64', type: 'uint64' }],
    name: 'OracleRegistryNoSuccessor',
  },
  {
    type: 'error',
    inputs: [
      { name: 'account', internalType: 'address', type: 'address' },
      { name: 'leader', internalType: 'address', type: 'address' },
    ],
    name: 'OracleRegistryNotLeader',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OracleRegistryNotModule',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OracleRegistryNotOracle',
  },
  {
    type: 'error',
    inputs: [
      { name: 'leader', internalType: 'address', type: 'address' },
      { name: 'dueAtMs', internalType: 'uint256', type: 'uint256' },
      { name: 'nowMs', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'OracleRegistryRotationNotDue',
  },
  {
    type: 'error',
    inputs: [{ name: 'max', internalType: 'uint256', type: 'uint256' }],
    name: 'OracleRegistryTooManyOracles',
  },
  {
    type: 'error',
    inputs: [{ name: 'oracle', internalType: 'address', type: 'address' }],
    name: 'OracleRegistryUnknownOracle',
  },
  {
    type: 'error',
    inputs: [{ name: 'status', internalType: 'uint8', type: 'uint8' }],
    name: 'OracleRegistryWrongPhase',
  },
  { type: 'error', inputs: [], name: 'OracleRegistryZeroAddress' },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// Session
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const sessionAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  { type: 'fallback', stateMutability: 'nonpayable' },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'node', internalType: 'address', type: 'address' },
    ],
    name: 'addDedicatedNode',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'router', internalType: 'address', type: 'address' },
      { name: 'metadata', internalType: 'string', type: 'string' },
    ],
    name: 'addRouter',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'nodes', internalType: 'address[]', type: 'address[]' },
    ],
    name: 'assignNodes',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'address[]', type: 'address[]' },
    ],
    name: 'checkAssignable',
    outputs: [],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'metadata', internalType: 'string', type: 'string' },
      { name: 'variableAddress', internalType: 'address', type: 'address' },
      { name: 'counts', internalType: 'uint256[5]', type: 'uint256[5]' },
      { name: 'reserveEphemeralNodes', internalType: 'bool', type: 'bool' },
      { name: 'terms', internalType: 'uint256[4]', type: 'uint256[4]' },
    ],
    name: 'createSession',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'deactivateSession',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'doesSessionExist',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getModules',
    outputs: [
      { name: 'registry', internalType: 'address', type: 'address' },
      { name: 'pool', internalType: 'address', type: 'address' },
      { name: 'payment', internalType: 'address', type: 'address' },
      { name: 'queue', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getParams',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionTypes.SessionParams',
        type: 'tuple',
        components: [
          {
            name: 'maxNodesPerSession',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxValidatorNodes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxRouters', internalType: 'uint32', type: 'uint32' },
          { name: 'maxNameBytes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxMetadataBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxRouterMetadataBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxTaskDataBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxPromptTemplateBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'maxClientReferenceBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxParamEntries', internalType: 'uint32', type: 'uint32' },
          { name: 'maxTokensCap', internalType: 'uint32', type: 'uint32' },
          { name: 'defaultMaxTokens', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'getRouters',
    outputs: [
      { name: 'routers', internalType: 'address[]', type: 'address[]' },
      { name: 'metadatas', internalType: 'string[]', type: 'string[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'getSession',
    outputs: [
      {
        name: 'v',
        internalType: 'struct ISessionTypes.SessionView',
        type: 'tuple',
        components: [
          { name: 'id', internalType: 'uint256', type: 'uint256' },
          {
            name: 'status',
            internalType: 'enum ISessionTypes.SessionStatus',
            type: 'uint8',
          },
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'nextTaskId', internalType: 'uint256', type: 'uint256' },
          { name: 'createdAt', internalType: 'uint64', type: 'uint64' },
          { name: 'updatedAt', internalType: 'uint64', type: 'uint64' },
          { name: 'deactivatedAt', internalType: 'uint64', type: 'uint64' },
          {
            name: 'ephemeralNodeCount',
            internalType: 'uint256',
            type: 'uint256',
          },
          {
            name: 'dedicatedNodeCount',
            internalType: 'uint256',
            type: 'uint256',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'getSessionConfig',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionTypes.SessionConfig',
        type: 'tuple',
        components: [
          { name: 'name', internalType: 'string', type: 'string' },
          { name: 'metadata', internalType: 'string', type: 'string' },
          { name: 'variableAddress', internalType: 'address', type: 'address' },
          { name: 'minNumOfNodes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxNumOfNodes', internalType: 'uint32', type: 'uint32' },
          { name: 'redundant', internalType: 'uint32', type: 'uint32' },
          {
            name: 'numOfValidatorNodes',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'mode',
            internalType: 'enum ISessionTypes.SessionMode',
            type: 'uint8',
          },
          { name: 'reserveEphemeralNodes', internalType: 'bool', type: 'bool' },
          { name: 'sla', internalType: 'uint8', type: 'uint8' },
          { name: 'modelIdentifier', internalType: 'uint256', type: 'uint256' },
          { name: 'reservePeriodMs', internalType: 'uint64', type: 'uint64' },
          {
            name: 'maxTaskExecutionCount',
            internalType: 'uint32',
            type: 'uint32',
          },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getSessionCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'getSessionNodes',
    outputs: [
      { name: 'ephemeralNodes', internalType: 'address[]', type: 'address[]' },
      { name: 'dedicatedNodes', internalType: 'address[]', type: 'address[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getTaskResults',
    outputs: [
      { name: '', internalType: 'address[]', type: 'address[]' },
      { name: '', internalType: 'string[]', type: 'string[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'isRouter',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'node', internalType: 'address', type: 'address' },
    ],
    name: 'isSessionNode',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'onNodeBanned',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'address[]', type: 'address[]' },
    ],
    name: 'recordTaskExecuted',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      {
        name: 'reason',
        internalType: 'enum INodePoolTypes.ReleaseReason',
        type: 'uint8',
      },
    ],
    name: 'releaseNode',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'node', internalType: 'address', type: 'address' },
    ],
    name: 'removeDedicatedNode',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'router', internalType: 'address', type: 'address' },
    ],
    name: 'removeRouter',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'registry',
        internalType: 'contract IOracleRegistry',
        type: 'address',
      },
      { name: 'pool', internalType: 'contract NodePool', type: 'address' },
      {
        name: 'payment',
        internalType: 'contract ISessionPaymentSession',
        type: 'address',
      },
      {
        name: 'queue',
        internalType: 'contract ISessionQueueForSession',
        type: 'address',
      },
    ],
    name: 'setModules',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'params',
        internalType: 'struct ISessionTypes.SessionParams',
        type: 'tuple',
        components: [
          {
            name: 'maxNodesPerSession',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxValidatorNodes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxRouters', internalType: 'uint32', type: 'uint32' },
          { name: 'maxNameBytes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxMetadataBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxRouterMetadataBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxTaskDataBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxPromptTemplateBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'maxClientReferenceBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxParamEntries', internalType: 'uint32', type: 'uint32' },
          { name: 'maxTokensCap', internalType: 'uint32', type: 'uint32' },
          { name: 'defaultMaxTokens', internalType: 'uint32', type: 'uint32' },
        ],
      },
    ],
    name: 'setParams',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'nodeType', internalType: 'uint256', type: 'uint256' },
      { name: 'taskData', internalType: 'string', type: 'string' },
      { name: 'promptType', internalType: 'uint256', type: 'uint256' },
      { name: 'promptTemplate', internalType: 'string', type: 'string' },
      { name: 'llmParams', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'requestParams', internalType: 'uint256[]', type: 'uint256[]' },
      { name: 'clientReference', internalType: 'string', type: 'string' },
    ],
    name: 'submit',
    outputs: [{ name: 'taskId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'name', internalType: 'string', type: 'string' },
      { name: 'metadata', internalType: 'string', type: 'string' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'minNumOfNodes', internalType: 'uint256', type: 'uint256' },
      { name: 'maxNumOfNodes', internalType: 'uint256', type: 'uint256' },
      { name: 'redundant', internalType: 'uint256', type: 'uint256' },
      { name: 'numOfValidatorNodes', internalType: 'uint256', type: 'uint256' },
      { name: 'mode', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'update',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'newOwner', internalType: 'address', type: 'address' },
    ],
    name: 'updateOwner',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'DedicatedNodeAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
    ],
    name: 'DedicatedNodeRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'nodes',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'newNodeCount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'assignmentType',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'NewNodeAssignedToSession',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
    ],
    name: 'NodeReleased',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'router',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'metadata',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
    ],
    name: 'RouterAdded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'router',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'RouterRemoved',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'SessionCreated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'deactivator',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'nodes',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'SessionDeactivated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'registry',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'pool',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'payment',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'queue',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'SessionModulesUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'SessionOwnerUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'params',
        internalType: 'struct ISessionTypes.SessionParams',
        type: 'tuple',
        components: [
          {
            name: 'maxNodesPerSession',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxValidatorNodes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxRouters', internalType: 'uint32', type: 'uint32' },
          { name: 'maxNameBytes', internalType: 'uint32', type: 'uint32' },
          { name: 'maxMetadataBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxRouterMetadataBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxTaskDataBytes', internalType: 'uint32', type: 'uint32' },
          {
            name: 'maxPromptTemplateBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          {
            name: 'maxClientReferenceBytes',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'maxParamEntries', internalType: 'uint32', type: 'uint32' },
          { name: 'maxTokensCap', internalType: 'uint32', type: 'uint32' },
          { name: 'defaultMaxTokens', internalType: 'uint32', type: 'uint32' },
        ],
        indexed: false,
      },
    ],
    name: 'SessionParamsUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'updater',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'minNumOfNodes',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'maxNumOfNodes',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'redundant',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'SessionUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskData',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
      {
        name: 'clientReference',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
    ],
    name: 'TaskSubmitted',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'node', internalType: 'address', type: 'address' },
    ],
    name: 'SessionDuplicateNode',
  },
  {
    type: 'error',
    inputs: [
      {
        name: 'field',
        internalType: 'enum ISessionTypes.InputField',
        type: 'uint8',
      },
    ],
    name: 'SessionEmptyInput',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionFull',
  },
  {
    type: 'error',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionInactive',
  },
  {
    type: 'error',
    inputs: [
      {
        name: 'field',
        internalType: 'enum ISessionTypes.ConfigField',
        type: 'uint8',
      },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionInvalidConfig',
  },
  {
    type: 'error',
    inputs: [
      {
        name: 'field',
        internalType: 'enum ISessionTypes.InputField',
        type: 'uint8',
      },
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionInvalidInteger',
  },
  {
    type: 'error',
    inputs: [
      { name: 'field', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionInvalidParam',
  },
  {
    type: 'error',
    inputs: [
      { name: 'index', internalType: 'uint256', type: 'uint256' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionLlmParamOutOfRange',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'node', internalType: 'address', type: 'address' },
    ],
    name: 'SessionNodeAlreadyInSession',
  },
  {
    type: 'error',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'SessionNodeNotReserved',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'SessionNotModule',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'SessionNotOwner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'SessionNotOwnerOrOracle',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'SessionNotRouter',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'node', internalType: 'address', type: 'address' },
    ],
    name: 'SessionNotSessionNode',
  },
  {
    type: 'error',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'SessionReleaseWithDeactivation',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'router', internalType: 'address', type: 'address' },
    ],
    name: 'SessionRouterExists',
  },
  {
    type: 'error',
    inputs: [
      {
        name: 'field',
        internalType: 'enum ISessionTypes.InputField',
        type: 'uint8',
      },
      { name: 'length', internalType: 'uint256', type: 'uint256' },
      { name: 'maxLength', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionStringTooLong',
  },
  {
    type: 'error',
    inputs: [
      {
        name: 'field',
        internalType: 'enum ISessionTypes.InputField',
        type: 'uint8',
      },
      { name: 'count', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionTooManyEntries',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionTooManyRouters',
  },
  {
    type: 'error',
    inputs: [{ name: 'selector', internalType: 'bytes4', type: 'bytes4' }],
    name: 'SessionUnknownFunction',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'node', internalType: 'address', type: 'address' },
    ],
    name: 'SessionUnknownNode',
  },
  {
    type: 'error',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionUnknownSession',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'mode',
        internalType: 'enum ISessionTypes.SessionMode',
        type: 'uint8',
      },
    ],
    name: 'SessionWrongMode',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum ISessionTypes.SessionStatus',
        type: 'uint8',
      },
    ],
    name: 'SessionWrongPhase',
  },
  { type: 'error', inputs: [], name: 'SessionZeroAddress' },
  { type: 'error', inputs: [], name: 'SessionZeroOwner' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// SessionPayment
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const sessionPaymentAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
      { name: 'token_', internalType: 'contract IERC20', type: 'address' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'charge', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'uint256', type: 'uint256' },
      { name: 'validators', internalType: 'uint256', type: 'uint256' },
      { name: 'hasRouter', internalType: 'bool', type: 'bool' },
    ],
    name: 'computeSettlementSplit',
    outputs: [
      { name: 'perMiner', internalType: 'uint256', type: 'uint256' },
      { name: 'perValidator', internalType: 'uint256', type: 'uint256' },
      { name: 'router', internalType: 'uint256', type: 'uint256' },
      { name: 'treasury', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'depositToSession',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'escrowTask',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getModules',
    outputs: [
      { name: 'session', internalType: 'address', type: 'address' },
      { name: 'queue', internalType: 'address', type: 'address' },
      { name: 'cognitive', internalType: 'address', type: 'address' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getNetworkAccount',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionPaymentTypes.NetworkAccount',
        type: 'tuple',
        components: [
          { name: 'treasury', internalType: 'uint256', type: 'uint256' },
          { name: 'deposited', internalType: 'uint256', type: 'uint256' },
          { name: 'staked', internalType: 'uint256', type: 'uint256' },
          { name: 'charged', internalType: 'uint256', type: 'uint256' },
          { name: 'allocated', internalType: 'uint256', type: 'uint256' },
          { name: 'refunded', internalType: 'uint256', type: 'uint256' },
          { name: 'slashed', internalType: 'uint256', type: 'uint256' },
          {
            name: 'sessionWithdrawn',
            internalType: 'uint256',
            type: 'uint256',
          },
          { name: 'nodeWithdrawn', internalType: 'uint256', type: 'uint256' },
          { name: 'unstaked', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'getNodeAccount',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionPaymentTypes.NodeAccount',
        type: 'tuple',
        components: [
          { name: 'stake', internalType: 'uint256', type: 'uint256' },
          { name: 'pending', internalType: 'uint256', type: 'uint256' },
          { name: 'withdrawn', internalType: 'uint256', type: 'uint256' },
          { name: 'earned', internalType: 'uint256', type: 'uint256' },
          { name: 'slashed', internalType: 'uint256', type: 'uint256' },
          { name: 'staked', internalType: 'uint256', type: 'uint256' },
          { name: 'unstaked', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'getSessionAccount',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionPaymentTypes.SessionAccount',
        type: 'tuple',
        components: [
          { name: 'owner', internalType: 'address', type: 'address' },
          { name: 'available', internalType: 'uint256', type: 'uint256' },
          { name: 'escrowed', internalType: 'uint256', type: 'uint256' },
          { name: 'deposited', internalType: 'uint256', type: 'uint256' },
          { name: 'charged', internalType: 'uint256', type: 'uint256' },
          { name: 'refunded', internalType: 'uint256', type: 'uint256' },
          { name: 'withdrawn', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getShares',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionPaymentTypes.Shares',
        type: 'tuple',
        components: [
          { name: 'minerShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'validatorShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'routerShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'treasuryShareBps', internalType: 'uint16', type: 'uint16' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getTaskEscrow',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionPaymentTypes.TaskEscrow',
        type: 'tuple',
        components: [
          { name: 'exists', internalType: 'bool', type: 'bool' },
          {
            name: 'status',
            internalType: 'enum ISessionPaymentTypes.EscrowStatus',
            type: 'uint8',
          },
          { name: 'amount', internalType: 'uint256', type: 'uint256' },
          { name: 'charged', internalType: 'uint256', type: 'uint256' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'charge', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'address[]', type: 'address[]' },
      { name: 'validators', internalType: 'address[]', type: 'address[]' },
      { name: 'router', internalType: 'address', type: 'address' },
    ],
    name: 'payFromSessionToNetwork',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'refundTask',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'owner', internalType: 'address', type: 'address' },
    ],
    name: 'registerSession',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'session', internalType: 'address', type: 'address' },
      { name: 'queue', internalType: 'address', type: 'address' },
      { name: 'cognitive', internalType: 'address', type: 'address' },
    ],
    name: 'setModules',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'shares',
        internalType: 'struct ISessionPaymentTypes.Shares',
        type: 'tuple',
        components: [
          { name: 'minerShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'validatorShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'routerShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'treasuryShareBps', internalType: 'uint16', type: 'uint16' },
        ],
      },
    ],
    name: 'setShares',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'node', internalType: 'address', type: 'address' },
      { name: 'bps', internalType: 'uint16', type: 'uint16' },
      {
        name: 'reason',
        internalType: 'enum ISessionPaymentTypes.SlashReason',
        type: 'uint8',
      },
    ],
    name: 'slash',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    name: 'stake',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'stakeOf',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'token',
    outputs: [{ name: '', internalType: 'contract IERC20', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'newOwner', internalType: 'address', type: 'address' },
    ],
    name: 'transferSessionAccount',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'amount', internalType: 'uint256', type: 'uint256' }],
    name: 'unstake',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'withdrawNodePayment',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'amount', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'withdrawSessionBalance',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'DepositToSession',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'role',
        internalType: 'enum ISessionPaymentTypes.PayeeRole',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'NodePaymentAllocated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'NodePaymentWithdrawn',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'returned',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'treasury',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'PaymentToNetwork',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'SessionBalanceWithdrawn',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SessionOwnerTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'session',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'queue',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'cognitive',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'SessionPaymentModulesUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'SessionRefunded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'owner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'SessionRegistered',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'shares',
        internalType: 'struct ISessionPaymentTypes.Shares',
        type: 'tuple',
        components: [
          { name: 'minerShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'validatorShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'routerShareBps', internalType: 'uint16', type: 'uint16' },
          { name: 'treasuryShareBps', internalType: 'uint16', type: 'uint16' },
        ],
        indexed: false,
      },
    ],
    name: 'SharesUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      { name: 'bps', internalType: 'uint16', type: 'uint16', indexed: false },
      {
        name: 'reason',
        internalType: 'enum ISessionPaymentTypes.SlashReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'Slashed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'stake',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Staked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'TaskEscrowed',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      { name: 'node', internalType: 'address', type: 'address', indexed: true },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'stake',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'Unstaked',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  { type: 'error', inputs: [], name: 'ReentrancyGuardReentrantCall' },
  {
    type: 'error',
    inputs: [{ name: 'token', internalType: 'address', type: 'address' }],
    name: 'SafeERC20FailedOperation',
  },
  {
    type: 'error',
    inputs: [{ name: 'miner', internalType: 'address', type: 'address' }],
    name: 'SessionPaymentDuplicateMiner',
  },
  {
    type: 'error',
    inputs: [{ name: 'validator', internalType: 'address', type: 'address' }],
    name: 'SessionPaymentDuplicateValidator',
  },
  {
    type: 'error',
    inputs: [
      { name: 'available', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionPaymentInsufficientBalance',
  },
  {
    type: 'error',
    inputs: [{ name: 'bps', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionPaymentInvalidBps',
  },
  {
    type: 'error',
    inputs: [{ name: 'sumBps', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionPaymentInvalidShares',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'SessionPaymentNotModule',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'account', internalType: 'address', type: 'address' },
    ],
    name: 'SessionPaymentNotOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'node', internalType: 'address', type: 'address' }],
    name: 'SessionPaymentNothingToWithdraw',
  },
  {
    type: 'error',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionPaymentSessionExists',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionPaymentTaskExists',
  },
  {
    type: 'error',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionPaymentUnknownSession',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionPaymentUnknownTask',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      {
        name: 'status',
        internalType: 'enum ISessionPaymentTypes.EscrowStatus',
        type: 'uint8',
      },
    ],
    name: 'SessionPaymentWrongPhase',
  },
  { type: 'error', inputs: [], name: 'SessionPaymentZeroAddress' },
  { type: 'error', inputs: [], name: 'SessionPaymentZeroAmount' },
] as const

//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////
// SessionQueue
//////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////////

export const sessionQueueAbi = [
  {
    type: 'constructor',
    inputs: [
      { name: 'initialOwner', internalType: 'address', type: 'address' },
      { name: 'msPerTick_', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_PHASE_DEADLINE_MS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_REASSIGNMENTS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_REDUNDANT',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'MAX_TOTAL_TIMEOUT_MS',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'acceptOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'ack',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'address[]', type: 'address[]' },
    ],
    name: 'assignTask',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'result', internalType: 'string', type: 'string' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'outputTokens', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'commit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'forceEnd', internalType: 'bool', type: 'bool' },
    ],
    name: 'end',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'endAck',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'endCommit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'endPrecommit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'redundant', internalType: 'uint256', type: 'uint256' },
      { name: 'modelId', internalType: 'uint256', type: 'uint256' },
      { name: 'maxTokens', internalType: 'uint256', type: 'uint256' },
      { name: 'escrow', internalType: 'uint256', type: 'uint256' },
      { name: 'router', internalType: 'address', type: 'address' },
      { name: 'taskData', internalType: 'string', type: 'string' },
    ],
    name: 'enqueueTask',
    outputs: [{ name: 'taskId', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'result', internalType: 'string', type: 'string' }],
    name: 'getHash',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
      { name: 'result', internalType: 'string', type: 'string' },
    ],
    name: 'getMinerBoundHash',
    outputs: [{ name: '', internalType: 'bytes32', type: 'bytes32' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'getMinerSlot',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionQueueTypes.MinerSlotView',
        type: 'tuple',
        components: [
          {
            name: 'state',
            internalType: 'enum ISessionQueueTypes.MinerResultState',
            type: 'uint8',
          },
          { name: 'ackedAt', internalType: 'uint48', type: 'uint48' },
          { name: 'precommitAt', internalType: 'uint48', type: 'uint48' },
          { name: 'committedAt', internalType: 'uint48', type: 'uint48' },
          { name: 'outputTokens', internalType: 'uint32', type: 'uint32' },
          { name: 'similarity', internalType: 'int32', type: 'int32' },
          { name: 'precommitHash', internalType: 'bytes32', type: 'bytes32' },
          { name: 'salt', internalType: 'bytes32', type: 'bytes32' },
          { name: 'result', internalType: 'string', type: 'string' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getModules',
    outputs: [
      {
        name: 'registry',
        internalType: 'contract IOracleRegistry',
        type: 'address',
      },
      {
        name: 'payment',
        internalType: 'contract ISessionPaymentQueue',
        type: 'address',
      },
      {
        name: 'pool',
        internalType: 'contract INodePoolStats',
        type: 'address',
      },
      {
        name: 'session',
        internalType: 'contract ISessionForQueue',
        type: 'address',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getParams',
    outputs: [
      {
        name: '',
        internalType: 'struct ISessionQueueTypes.Params',
        type: 'tuple',
        components: [
          { name: 'ackDeadlineMs', internalType: 'uint32', type: 'uint32' },
          {
            name: 'precommitDeadlineMs',
            internalType: 'uint32',
            type: 'uint32',
          },
          { name: 'commitDeadlineMs', internalType: 'uint32', type: 'uint32' },
          { name: 'totalTimeoutMs', internalType: 'uint32', type: 'uint32' },
          { name: 'maxReassignments', internalType: 'uint16', type: 'uint16' },
          {
            name: 'quorumRule',
            internalType: 'enum ISessionQueueTypes.QuorumRule',
            type: 'uint8',
          },
          {
            name: 'onShortage',
            internalType: 'enum ISessionQueueTypes.OnShortage',
            type: 'uint8',
          },
          {
            name: 'commitScheme',
            internalType: 'enum ISessionQueueTypes.CommitScheme',
            type: 'uint8',
          },
          {
            name: 'slashing',
            internalType: 'enum ISessionQueueTypes.Slashing',
            type: 'uint8',
          },
          { name: 'slashBps', internalType: 'uint16', type: 'uint16' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getPricing',
    outputs: [
      { name: 'pricePerMinerTask', internalType: 'uint256', type: 'uint256' },
      { name: 'pricePerOutputToken', internalType: 'uint256', type: 'uint256' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getTask',
    outputs: [
      {
        name: 'v',
        internalType: 'struct ISessionQueueTypes.TaskView',
        type: 'tuple',
        components: [
          { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
          { name: 'taskId', internalType: 'uint256', type: 'uint256' },
          { name: 'gid', internalType: 'uint256', type: 'uint256' },
          {
            name: 'status',
            internalType: 'enum ISessionQueueTypes.TaskStatus',
            type: 'uint8',
          },
          { name: 'phaseSeq', internalType: 'uint32', type: 'uint32' },
          { name: 'phaseDeadline', internalType: 'uint48', type: 'uint48' },
          { name: 'createdAt', internalType: 'uint48', type: 'uint48' },
          { name: 'updatedAt', internalType: 'uint48', type: 'uint48' },
          { name: 'finishedAt', internalType: 'uint48', type: 'uint48' },
          { name: 'redundant', internalType: 'uint16', type: 'uint16' },
          { name: 'quorum', internalType: 'uint16', type: 'uint16' },
          { name: 'reassignments', internalType: 'uint16', type: 'uint16' },
          { name: 'maxTokens', internalType: 'uint32', type: 'uint32' },
          { name: 'modelId', internalType: 'uint256', type: 'uint256' },
          { name: 'escrow', internalType: 'uint256', type: 'uint256' },
          { name: 'router', internalType: 'address', type: 'address' },
          { name: 'validatedBy', internalType: 'address', type: 'address' },
          { name: 'success', internalType: 'bool', type: 'bool' },
          {
            name: 'failureReason',
            internalType: 'enum ISessionQueueTypes.FailureReason',
            type: 'uint8',
          },
          { name: 'charge', internalType: 'uint256', type: 'uint256' },
          { name: 'miners', internalType: 'address[]', type: 'address[]' },
          { name: 'taskData', internalType: 'string', type: 'string' },
        ],
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'sessionId', internalType: 'uint256', type: 'uint256' }],
    name: 'getTaskCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getTaskMiners',
    outputs: [{ name: '', internalType: 'address[]', type: 'address[]' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'getTaskResultState',
    outputs: [{ name: '', internalType: 'uint8', type: 'uint8' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getTaskResults',
    outputs: [
      { name: 'miners', internalType: 'address[]', type: 'address[]' },
      { name: 'results', internalType: 'string[]', type: 'string[]' },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'getTaskStatus',
    outputs: [
      {
        name: '',
        internalType: 'enum ISessionQueueTypes.TaskStatus',
        type: 'uint8',
      },
    ],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'getTotalTaskCount',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'status',
        internalType: 'enum ISessionQueueTypes.TaskStatus',
        type: 'uint8',
      },
      {
        name: 'action',
        internalType: 'enum ISessionQueueTypes.TaskAction',
        type: 'uint8',
      },
    ],
    name: 'isActionAllowed',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'pure',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'isExcluded',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'isSessionModule',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'msPerTick',
    outputs: [{ name: '', internalType: 'uint256', type: 'uint256' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'owner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [],
    name: 'pendingOwner',
    outputs: [{ name: '', internalType: 'address', type: 'address' }],
    stateMutability: 'view',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'hash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'precommit',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [],
    name: 'renounceOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'commitScheme',
        internalType: 'enum ISessionQueueTypes.CommitScheme',
        type: 'uint8',
      },
    ],
    name: 'setCommitScheme',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'ackMs', internalType: 'uint32', type: 'uint32' },
      { name: 'precommitMs', internalType: 'uint32', type: 'uint32' },
      { name: 'commitMs', internalType: 'uint32', type: 'uint32' },
      { name: 'totalMs', internalType: 'uint32', type: 'uint32' },
    ],
    name: 'setDeadlines',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'registry',
        internalType: 'contract IOracleRegistry',
        type: 'address',
      },
      {
        name: 'payment',
        internalType: 'contract ISessionPaymentQueue',
        type: 'address',
      },
      {
        name: 'pool',
        internalType: 'contract INodePoolStats',
        type: 'address',
      },
      {
        name: 'session',
        internalType: 'contract ISessionForQueue',
        type: 'address',
      },
    ],
    name: 'setModules',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'pricePerMinerTask', internalType: 'uint256', type: 'uint256' },
      { name: 'pricePerOutputToken', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'setPricing',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'quorumRule',
        internalType: 'enum ISessionQueueTypes.QuorumRule',
        type: 'uint8',
      },
    ],
    name: 'setQuorumRule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'module', internalType: 'address', type: 'address' },
      { name: 'allowed', internalType: 'bool', type: 'bool' },
    ],
    name: 'setSessionModule',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'onShortage',
        internalType: 'enum ISessionQueueTypes.OnShortage',
        type: 'uint8',
      },
      { name: 'maxReassignments', internalType: 'uint16', type: 'uint16' },
    ],
    name: 'setShortagePolicy',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      {
        name: 'slashing',
        internalType: 'enum ISessionQueueTypes.Slashing',
        type: 'uint8',
      },
      { name: 'slashBps', internalType: 'uint16', type: 'uint16' },
    ],
    name: 'setSlashing',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [{ name: 'newOwner', internalType: 'address', type: 'address' }],
    name: 'transferOwnership',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'address[]', type: 'address[]' },
      { name: 'valid', internalType: 'bool[]', type: 'bool[]' },
      { name: 'similarities', internalType: 'int256[]', type: 'int256[]' },
    ],
    name: 'validate',
    outputs: [],
    stateMutability: 'nonpayable',
  },
  {
    type: 'function',
    inputs: [
      { name: 'result', internalType: 'string', type: 'string' },
      { name: 'hash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'verifyHash',
    outputs: [{ name: '', internalType: 'bool', type: 'bool' }],
    stateMutability: 'pure',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'commitScheme',
        internalType: 'enum ISessionQueueTypes.CommitScheme',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'CommitSchemeUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'ackDeadlineMs',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'precommitDeadlineMs',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'commitDeadlineMs',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
      {
        name: 'totalTimeoutMs',
        internalType: 'uint32',
        type: 'uint32',
        indexed: false,
      },
    ],
    name: 'DeadlinesUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'bps', internalType: 'uint16', type: 'uint16', indexed: false },
    ],
    name: 'MinerSlashRequested',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'phase',
        internalType: 'enum ISessionQueueTypes.TaskStatus',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'MinerTimedOut',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'registry',
        internalType: 'contract IOracleRegistry',
        type: 'address',
        indexed: false,
      },
      {
        name: 'payment',
        internalType: 'contract ISessionPaymentQueue',
        type: 'address',
        indexed: false,
      },
      {
        name: 'pool',
        internalType: 'contract INodePoolStats',
        type: 'address',
        indexed: false,
      },
      {
        name: 'session',
        internalType: 'contract ISessionForQueue',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'ModulesUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferStarted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'previousOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      {
        name: 'newOwner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'OwnershipTransferred',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'pricePerMinerTask',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'pricePerOutputToken',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'PricingUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'quorumRule',
        internalType: 'enum ISessionQueueTypes.QuorumRule',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'QuorumRuleUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'module',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
      { name: 'allowed', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'SessionModuleUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'onShortage',
        internalType: 'enum ISessionQueueTypes.OnShortage',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'maxReassignments',
        internalType: 'uint16',
        type: 'uint16',
        indexed: false,
      },
    ],
    name: 'ShortagePolicyUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'slashing',
        internalType: 'enum ISessionQueueTypes.Slashing',
        type: 'uint8',
        indexed: false,
      },
      {
        name: 'slashBps',
        internalType: 'uint16',
        type: 'uint16',
        indexed: false,
      },
    ],
    name: 'SlashingUpdated',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'TaskAcked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      { name: 'forceEnd', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'TaskAllAcked',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      { name: 'forceEnd', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'TaskAllCommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      { name: 'forceEnd', internalType: 'bool', type: 'bool', indexed: false },
    ],
    name: 'TaskAllPrecommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'TaskAssigned',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'TaskCommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      { name: 'success', internalType: 'bool', type: 'bool', indexed: false },
      {
        name: 'reason',
        internalType: 'enum ISessionQueueTypes.FailureReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'TaskEnded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'miner',
        internalType: 'address',
        type: 'address',
        indexed: true,
      },
    ],
    name: 'TaskPrecommitted',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      { name: 'gid', internalType: 'uint256', type: 'uint256', indexed: false },
      {
        name: 'taskData',
        internalType: 'string',
        type: 'string',
        indexed: false,
      },
    ],
    name: 'TaskQueued',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'amount',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
    ],
    name: 'TaskRefunded',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'reassignments',
        internalType: 'uint16',
        type: 'uint16',
        indexed: false,
      },
      {
        name: 'reason',
        internalType: 'enum ISessionQueueTypes.FailureReason',
        type: 'uint8',
        indexed: false,
      },
    ],
    name: 'TaskRequeued',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'charge',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'refund',
        internalType: 'uint256',
        type: 'uint256',
        indexed: false,
      },
      {
        name: 'miners',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'validator',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
      {
        name: 'router',
        internalType: 'address',
        type: 'address',
        indexed: false,
      },
    ],
    name: 'TaskSettled',
  },
  {
    type: 'event',
    anonymous: false,
    inputs: [
      {
        name: 'sessionId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'taskId',
        internalType: 'uint256',
        type: 'uint256',
        indexed: true,
      },
      {
        name: 'valid',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
      {
        name: 'outliers',
        internalType: 'address[]',
        type: 'address[]',
        indexed: false,
      },
    ],
    name: 'TaskValidated',
  },
  {
    type: 'error',
    inputs: [{ name: 'owner', internalType: 'address', type: 'address' }],
    name: 'OwnableInvalidOwner',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'OwnableUnauthorizedAccount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'bits', internalType: 'uint8', type: 'uint8' },
      { name: 'value', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SafeCastOverflowedUintDowncast',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'state', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'SessionQueueAlreadyActed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'valueMs', internalType: 'uint256', type: 'uint256' },
      { name: 'msPerTick', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueDeadlineNotWholeTicks',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueDeadlinePassed',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'SessionQueueDuplicateMiner',
  },
  {
    type: 'error',
    inputs: [{ name: 'value', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionQueueInvalidBps',
  },
  {
    type: 'error',
    inputs: [
      { name: 'valueMs', internalType: 'uint256', type: 'uint256' },
      { name: 'minMs', internalType: 'uint256', type: 'uint256' },
      { name: 'maxMs', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueInvalidDeadline',
  },
  {
    type: 'error',
    inputs: [
      { name: 'value', internalType: 'uint256', type: 'uint256' },
      { name: 'max', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueInvalidMaxReassignments',
  },
  {
    type: 'error',
    inputs: [
      { name: 'redundant', internalType: 'uint256', type: 'uint256' },
      { name: 'maxTokens', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueInvalidTaskConfig',
  },
  {
    type: 'error',
    inputs: [{ name: 'msPerTick', internalType: 'uint256', type: 'uint256' }],
    name: 'SessionQueueInvalidTimeUnit',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'SessionQueueMinerNotEligible',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'SessionQueueMinerTimedOut',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'state', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'SessionQueueNotAcked',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
    ],
    name: 'SessionQueueNotAssignedMiner',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'state', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'SessionQueueNotPrecommitted',
  },
  {
    type: 'error',
    inputs: [{ name: 'account', internalType: 'address', type: 'address' }],
    name: 'SessionQueueNotSessionModule',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'stillWaiting', internalType: 'uint256', type: 'uint256' },
      { name: 'deadline', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueuePhaseNotOver',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'precommitHash', internalType: 'bytes32', type: 'bytes32' },
      { name: 'revealHash', internalType: 'bytes32', type: 'bytes32' },
    ],
    name: 'SessionQueueRevealMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miner', internalType: 'address', type: 'address' },
      { name: 'similarity', internalType: 'int256', type: 'int256' },
    ],
    name: 'SessionQueueSimilarityOutOfRange',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'timeoutAt', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueTotalTimeoutNotReached',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueUnknownTask',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'miners', internalType: 'uint256', type: 'uint256' },
      { name: 'validFlags', internalType: 'uint256', type: 'uint256' },
      { name: 'similarities', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueVerdictLengthMismatch',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'given', internalType: 'uint256', type: 'uint256' },
      { name: 'needed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueWrongMinerCount',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'status', internalType: 'uint8', type: 'uint8' },
    ],
    name: 'SessionQueueWrongPhase',
  },
  {
    type: 'error',
    inputs: [
      { name: 'sessionId', internalType: 'uint256', type: 'uint256' },
      { name: 'taskId', internalType: 'uint256', type: 'uint256' },
      { name: 'given', internalType: 'uint256', type: 'uint256' },
      { name: 'revealed', internalType: 'uint256', type: 'uint256' },
    ],
    name: 'SessionQueueWrongVerdictCount',
  },
  { type: 'error', inputs: [], name: 'SessionQueueZeroAddress' },
] as const
