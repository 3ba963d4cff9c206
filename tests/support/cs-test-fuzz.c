/* cs-test-fuzz.c — helpers shared by the libFuzzer targets and their replay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cs-test-fuzz.h"

void
cs_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
  g_setenv ("G_DEBUG", "fatal-criticals,fatal-warnings", TRUE);
}

void
cs_fuzz_reader_init (CsFuzzReader  *reader,
                     const uint8_t *data,
                     size_t         size)
{
  reader->data = data;
  reader->size = size;
  reader->pos = 0;
  reader->strings = g_ptr_array_new_with_free_func (g_free);
}

void
cs_fuzz_reader_clear (CsFuzzReader *reader)
{
  g_clear_pointer (&reader->strings, g_ptr_array_unref);
}

guint8
cs_fuzz_reader_byte (CsFuzzReader *reader)
{
  if (reader->pos >= reader->size)
    return 0;
  return reader->data[reader->pos++];
}

const char *
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

char *
cs_fuzz_dup_exact (const uint8_t *data,
                   size_t         size)
{
  char *copy = malloc (size ? size : 1);

  if (size > 0)
    memcpy (copy, data, size);
  return copy;
}
