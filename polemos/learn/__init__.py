"""The learned event layer's training side (issue 14): converting the open sets, silver
negatives, the seeded ``spacy train`` command and its measurement. Coding never imports this
package; it loads the shipped models through ``polemos.extract.learned``."""
