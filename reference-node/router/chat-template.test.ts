// Goal: chat messages flatten to the documented prompt for each template.
// Method: literal conversations, compared with the exact strings of the README.
import { describe, expect, it } from 'vitest'
import { renderChatPrompt } from './chat-template.ts'

const conversation = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello.' },
  { role: 'user', content: 'Tell me a story.' },
] as const

describe('renderChatPrompt', () => {
  it('plain: one labelled line per message, ending with the assistant cue', () => {
    expect(renderChatPrompt(conversation, 'plain')).toBe('System: You are terse.\nUser: Hi\nAssistant: Hello.\nUser: Tell me a story.\nAssistant:')
  })

  it('chatml: im_start/im_end blocks, ending with an open assistant block', () => {
    expect(renderChatPrompt(conversation.slice(0, 2), 'chatml')).toBe('<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n')
  })

  it('refuses an unknown template (a bug, not input: options are checked at start)', () => {
    expect(() => renderChatPrompt([], 'other' as 'plain')).toThrow(/chat template/)
  })
})
