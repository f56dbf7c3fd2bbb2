"""How hard a page's text is to read, as a US school grade (Flesch–Kincaid).

Patient information should read at about grade 8 or below. The syllable count is the usual
vowel-group estimate: close enough to tell plain writing from dense writing. A short page is
judged too, from MIN_WORDS on: below that (a title-like line or two) the grade is one long
word's ("Edited by the clinic manager." scores 10), not the text's.
"""

import re

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
# A sentence ends at . ! or ? followed by a space or the end of the text.
SENTENCE = re.compile(r".+?(?:[.!?]+(?=\s|$)|$)", re.DOTALL)
VOWEL_GROUP = re.compile(r"[aeiouy]+")
MIN_WORDS = 20


def syllables(word):
    word = word.lower()
    count = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def grade(words, sentence_count):
    syllable_count = sum(syllables(word) for word in words)
    score = 0.39 * len(words) / sentence_count + 11.8 * syllable_count / len(words) - 15.59
    return round(score, 1)


def reading_grade(text, min_words=MIN_WORDS):
    """The Flesch–Kincaid grade of `text`, or None if it has fewer than `min_words` words."""
    words = WORD.findall(text)
    if not words or len(words) < min_words:
        return None
    return grade(words, max(len(SENTENCE_END.findall(text)), 1))


def grade_above(text, target):
    """The grade of `text` if it reads above grade `target`; None if it reads at or below it
    (or is too short to judge)."""
    grade = reading_grade(text)
    return None if grade is None or grade <= target else grade


def sentences(text):
    found = (match.group().strip() for match in SENTENCE.finditer(text))
    return [sentence for sentence in found if WORD.search(sentence)]


def hardest_sentences(text, above, limit=3):
    """The hardest sentences of `text`, hardest first, at most `limit`: those whose own grade
    is above `above` (or, if none is on its own, the hardest there are)."""
    graded = sorted(
        # Each sentence once, however often the page repeats it.
        (
            (reading_grade(sentence, min_words=1), sentence)
            for sentence in dict.fromkeys(sentences(text))
        ),
        key=lambda pair: -pair[0],
    )
    hard = [sentence for score, sentence in graded if score > above]
    return (hard or [sentence for score, sentence in graded])[:limit]


def quoted_hardest_sentences(text, above):
    """The hardest sentences of `text` (hardest_sentences), each in quotes, for the editor."""
    return " ".join(f"“{sentence}”" for sentence in hardest_sentences(text, above))
