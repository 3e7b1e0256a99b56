/** The damaged gzip captures of test/fixtures/captured/go1.19-auditC/damaged-gz, and the one line heapdoc says of each. */
export const DAMAGED_GZ_DIR = 'test/fixtures/captured/go1.19-auditC/damaged-gz';

const HINT = ' — check that the file was copied whole';

/** heapdoc's line for 01.heap.pb.gz (cut short) and 02.heap.pb.gz (a bad checksum), in that order. */
export const DAMAGED_GZ_ERRORS = [
  `heapdoc: error: ${DAMAGED_GZ_DIR}/01.heap.pb.gz: the gzip data is damaged: unexpected end of file${HINT}`,
  `heapdoc: error: ${DAMAGED_GZ_DIR}/02.heap.pb.gz: the gzip data is damaged: incorrect data check${HINT}`,
];
