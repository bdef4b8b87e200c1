/**
 * The committed inputs of `ctb calibrate`: a fixed list of short story and question prompts, and
 * the vocabulary the `random` cheat draws its words from. Both are our own text, written in the
 * simple English of TinyStories so that stories260K (the only model here) answers them sensibly;
 * a real model answers them too. Never reorder or edit entries: `--prompts N` takes the first N,
 * and a shipped calibration file is only reproducible against the list it was measured on (its
 * provenance records the prompts it used).
 */

export const CALIBRATION_PROMPTS: readonly string[] = [
  'Once upon a time, a little dog named Max',
  'Why did the girl cry at the park?',
  'Tom and his sister found a box in the garden.',
  'The cat wanted to eat the fish.',
  'Lily had a red ball that she loved very much.',
  'What did the bird see from the top of the tree?',
  'One day, a boy named Ben went to the beach with his dad.',
  'The old man lived in a small house near the river.',
  'Why was the little bear hungry?',
  'Sue found a shiny key under her bed.',
  'The frog jumped into the pond and',
  'How did the children build a big castle of sand?',
  'Mia and her mom baked a cake for grandma.',
  'A small boat sailed on the blue sea.',
  'What happened when the rain started at the picnic?',
  'The puppy was scared of the loud noise.',
  'Once upon a time, there was a kind princess who',
  'Why did the rabbit run into the forest?',
  'Sam wanted to fly his kite, but the wind was too weak.',
  'The little girl planted a seed in the garden.',
  'Where did the lost kitten sleep that night?',
  'Anna and Tim shared their toys at school.',
  'The big truck drove up the hill.',
  'What did the owl say to the mouse?',
  'Jack climbed the tall tree to find his hat.',
  'The sun was hot, so the children went to swim.',
  'Why was the dragon sad?',
  'A funny monkey lived in the zoo.',
  'Lucy lost her doll and looked everywhere.',
  'How did the duck find its way home?',
  'The teacher read a story about a brave knight.',
  'One morning, the farmer saw a cow in his kitchen.',
  'What did the boy get for his birthday?',
  'The snowman smiled at the children.',
  'Ella wanted to paint a picture of her family.',
  'Why did the car stop in the middle of the road?',
  'The bee flew from flower to flower.',
  'Grandpa told Max a story about the moon.',
  'What was inside the big red box?',
  'A little fish wanted to see the world.',
  'The two friends had a fight over a toy.',
  'How did the girl help the hurt bird?',
  'Timmy was afraid of the dark.',
  'The queen had a magic mirror.',
  'What did the children see at the farm?',
  'Once upon a time, a tiny ant carried a big leaf.',
  'Why did the baby laugh?',
  'The boy and his dog went for a long walk.',
]

/**
 * Words for the `random` cheat: common English nouns, verbs, adjectives and function words, in
 * no particular order. Random text from this list shares many words with honest answers (as a
 * real "fill the answer with plausible words" cheat would), so it is not trivially separable by
 * vocabulary alone.
 */
export const RANDOM_VOCABULARY: readonly string[] = [
  'the', 'a', 'and', 'to', 'was', 'he', 'she', 'they', 'it', 'with', 'in', 'on', 'of', 'but', 'said',
  'big', 'little', 'happy', 'sad', 'red', 'blue', 'green', 'old', 'new', 'good', 'bad', 'fast', 'slow',
  'dog', 'cat', 'bird', 'fish', 'tree', 'house', 'park', 'ball', 'box', 'car', 'boat', 'sun', 'moon',
  'mom', 'dad', 'friend', 'girl', 'boy', 'toy', 'cake', 'door', 'hat', 'rain', 'road', 'river', 'school',
  'run', 'jump', 'play', 'eat', 'see', 'find', 'look', 'help', 'want', 'like', 'go', 'come', 'sing',
  'walk', 'swim', 'fly', 'sleep', 'cry', 'laugh', 'open', 'close', 'give', 'take', 'make', 'build',
  'very', 'then', 'again', 'soon', 'now', 'there', 'here', 'up', 'down', 'under', 'over', 'inside',
  'table', 'window', 'garden', 'flower', 'water', 'paper', 'music', 'color', 'number', 'question',
  'machine', 'forest', 'market', 'clock', 'letter', 'answer', 'storm', 'stone', 'bread', 'milk',
]
