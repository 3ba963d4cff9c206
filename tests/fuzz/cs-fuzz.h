/* cs-fuzz.h — helpers shared by the libFuzzer targets and their replay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with -Dfuzzing=true it links
 * libFuzzer; in every build it also links tests/fuzz/replay-main.c, which feeds it the files
 * of its seed corpus so that CI replays them.
 */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A critical or a warning is a bug the fuzzer must report as a crash. */
static inline void
cs_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
  g_setenv ("G_DEBUG", "fatal-criticals,fatal-warnings", TRUE);
}

/* Reads the fuzz input as fields separated by nul bytes: each call returns the next one
 * (nul-terminated, freed with the reader), or NULL when the input is used up. */
typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         pos;
  GPtrArray     *strings;
} CsFuzzReader;

static inline void
cs_fuzz_reader_init (CsFuzzReader  *reader,
                     const uint8_t *data,
                     size_t         size)
{
  reader->data = data;
  reader->size = size;
  reader->pos = 0;
  reader->strings = g_ptr_array_new_with_free_func (g_free);
}

static inline void
cs_fuzz_reader_clear (CsFuzzReader *reader)
{
  g_clear_pointer (&reader->strings, g_ptr_array_unref);
}

static inline guint8
cs_fuzz_reader_byte (CsFuzzReader *reader)
{
  if (reader->pos >= reader->size)
    return 0;
  return reader->data[reader->pos++];
}

static inline const char *
cs_fuzz_reader_string (CsFuzzReader *reader)
{
  const uint8_t *start;
  const uint8_t *nul;
  size_t len;
  char *s;

  if (reader->pos >= reader->size)
    return NULL;
  start = reader->data + reader->pos;
  nul = memchr (start, '\0', reader->size - reader->pos);
  len = nul ? (size_t) (nul - start) : reader->size - reader->pos;
  reader->pos += len + (nul ? 1 : 0);
  s = g_strndup ((const char *) start, len);
  g_ptr_array_add (reader->strings, s);
  return s;
}

/* The nul-terminated copy of the whole input, which the parsers get with an explicit length
 * too (so that a read past the length is caught by ASan on the copy without terminator). */
static inline char *
cs_fuzz_dup_exact (const uint8_t *data,
                   size_t         size)
{
  char *copy = malloc (size ? size : 1);

  if (size > 0)
    memcpy (copy, data, size);
  return copy;
}
