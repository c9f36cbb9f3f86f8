// The platform's zip files (9102 downloads, 9101 uploads, 3202's detail file): the simulator uses
// the same plain zip codec as the client (a file format, not a convention of either side).
export { isZip, readZip, writeZip, type ZipEntry } from '../client/zip';
