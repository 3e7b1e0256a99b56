import { ruleTable } from './driver.js';

/** go1.19 programs run under `ulimit -v` until the OS refused them memory (test/fixtures/captured/go1.19-oom/README.md). */
const OOM = '../captured/go1.19-oom';

ruleTable('out-of-memory', {
  valid: [
    { file: '../captured/go1.19-audit-gor/crashes/nil.txt', name: 'a crash of another cause (a nil dereference)' },
    { file: '../captured/go1.19-crash-threads/amd64-sigquit-crash.txt', name: 'a SIGQUIT' },
    { file: `${OOM}/sessions/sessions-3.heap.txt`, name: 'a heap dump' },
    { file: '../captured/go1.19-audit-gor/gorleak/stable3-goroutine-debug2.txt.gz', name: 'a goroutine dump' },
  ],
  invalid: [
    {
      name: 'a map of sessions: the 4 MiB block asked and the HeapSys printed above the throw, and the goroutine allocating',
      file: `${OOM}/sessions/sessions-4.crash.txt`,
      findings: [{
        line: 2, column: 1, severity: 'error',
        message: 'The process died out of memory (sessions-4.crash.txt, line 2): the OS gave no 4.0 MiB more with 319.7 MiB of heap mapped (HeapSys), while main.handle (main.go:17) allocated.',
      }],
    },
    {
      name: '64 MiB blocks appended in a goroutine: that goroutine (goroutine 18, printed first) is named, not main.main',
      file: `${OOM}/bigblocks/crash.txt`,
      findings: [{
        line: 2, column: 1,
        message: 'The process died out of memory (crash.txt, line 2): the OS gave no 64.0 MiB more with 451.8 MiB of heap mapped (HeapSys), while main.grow (main.go:9) allocated.',
      }],
    },
    {
      name: "mmap's ENOMEM (mem_linux.go's sysMap): 'fatal error: runtime: out of memory' with no line above it",
      file: `${OOM}/bigblocks/crash.txt`,
      edit: (text) => text.replace(/^runtime: out of memory: [^\n]*\nfatal error: out of memory\n/, 'fatal error: runtime: out of memory\n'),
      findings: [{
        line: 1, column: 1,
        message: 'The process died out of memory (crash.txt, line 1): the OS gave the runtime no more memory, while main.grow (main.go:9) allocated.',
      }],
    },
  ],
});
