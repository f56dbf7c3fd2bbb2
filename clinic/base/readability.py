"""How hard a page's text is to read, as a US school grade (Flesch–Kincaid).

Patient information should read at about grade 8 or below. The syllable count is the usual
vowel-group estimate: close enough to tell plain writing from dense writing.
"""

import re

WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word):
    word = word.lower()
    count = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def reading_grade(text):
    """The Flesch–Kincaid grade of `text`, or None if it has too few words to judge."""
    words = WORD.findall(text)
    if len(words) < 100:
        return None
    sentences = max(len(SENTENCE_END.findall(text)), 1)
    syllable_count = sum(syllables(word) for word in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
    return round(grade, 1)
