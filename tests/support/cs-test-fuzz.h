/* cs-test-fuzz.h — helpers shared by the libFuzzer targets and their replay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with -Dfuzzing=true it links
 * libFuzzer; in every build it also links tests/fuzz/replay-main.c, which feeds it the files
 * of its seed corpus so that CI replays them. These helpers use GLib only, so a target links
 * them next to either copy of the OAuth library (the plain one or the one instrumented for
 * coverage).
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A critical or a warning is a bug the fuzzer must report as a crash. Call it first in each
 * input; only the first call does anything. */
void cs_fuzz_init (void);

/* Reads the fuzz input as fields separated by nul bytes: each call returns the next one
 * (nul-terminated, freed with the reader), or NULL when the input is used up. */
typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         pos;
  GPtrArray     *strings;
} CsFuzzReader;

void        cs_fuzz_reader_init   (CsFuzzReader  *reader,
                                   const uint8_t *data,
                                   size_t         size);
void        cs_fuzz_reader_clear  (CsFuzzReader  *reader);
/* The next byte, 0 past the end. */
guint8      cs_fuzz_reader_byte   (CsFuzzReader  *reader);
const char *cs_fuzz_reader_string (CsFuzzReader  *reader);

/* A malloc'd copy of exactly @size bytes, without a terminator, which the parsers get with an
 * explicit length (so that a read past the length is caught by ASan). free() it. */
char       *cs_fuzz_dup_exact     (const uint8_t *data,
                                   size_t         size);

G_END_DECLS
