/*
 * The C reference kernel of bench/linkage: Sørensen–Dice of one query against many 1024-bit
 * filters, popcount of the AND per 64-bit word, the candidates' own set-bit counts precomputed
 * (as anonlink's native kernel does). Built twice by the bench, `cc -O3 -mpopcnt` (scalar, the
 * class of anonlink's code) and `cc -O3 -march=native` (what this CPU's vector units allow).
 *
 *   dice <data file> <seconds>
 *
 * The data file is: u32 count, then count × 128 bytes of filters, then count × u32 set-bit
 * counts. Every filter is in turn the query against all of them. Prints one line:
 * "<comparisons> <seconds> <checksum>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WORDS 16

static double now(void) {
  struct timespec at;
  clock_gettime(CLOCK_MONOTONIC, &at);
  return at.tv_sec + at.tv_nsec / 1e9;
}

static void dice_many(const uint64_t *query, const uint64_t *candidates, const uint32_t *counts,
                      uint32_t count, float *out) {
  int query_count = 0;
  for (int word = 0; word < WORDS; word++) query_count += __builtin_popcountll(query[word]);
  for (uint32_t index = 0; index < count; index++) {
    const uint64_t *candidate = candidates + (size_t)index * WORDS;
    int common = 0;
    for (int word = 0; word < WORDS; word++) common += __builtin_popcountll(query[word] & candidate[word]);
    int total = query_count + (int)counts[index];
    out[index] = total == 0 ? 0.0f : (2.0f * common) / total;
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: dice <data file> <seconds>\n");
    return 2;
  }
  FILE *file = fopen(argv[1], "rb");
  if (!file) {
    perror(argv[1]);
    return 1;
  }
  uint32_t count;
  if (fread(&count, 4, 1, file) != 1) return 1;
  uint64_t *filters = aligned_alloc(64, (size_t)count * WORDS * 8);
  uint32_t *counts = malloc((size_t)count * 4);
  float *out = malloc((size_t)count * 4);
  if (fread(filters, WORDS * 8, count, file) != count || fread(counts, 4, count, file) != count) return 1;
  fclose(file);
  double seconds = atof(argv[2]);
  double started = now(), elapsed = 0;
  uint64_t comparisons = 0;
  double checksum = 0;
  uint32_t query = 0;
  do {
    for (int repeat = 0; repeat < 16; repeat++) {
      dice_many(filters + (size_t)query * WORDS, filters, counts, count, out);
      checksum += out[query / 2];
      comparisons += count;
      query = (query + 1) % count;
    }
    elapsed = now() - started;
  } while (elapsed < seconds);
  printf("%llu %f %f\n", (unsigned long long)comparisons, elapsed, checksum);
  return 0;
}
