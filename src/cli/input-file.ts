/**
 * The one place where the CLI opens the files and folders it is given (import files, mapping
 * files, program folders, backups): a missing, unreadable or empty file, a folder where a file
 * is expected (or the reverse) becomes a one-line validation error naming the path (exit code
 * 2), checked before the database is opened, never a stack trace from deep inside a reader.
 */
import { constants, createReadStream, type ReadStream } from 'node:fs';
import { access, readFile, readdir, stat } from 'node:fs/promises';
import { isVigiaError, validationError, type VigiaError } from '../core/errors.js';

/** What the argument names, for the message: "the mapping file", "the program folder", … */
type What = string;

/** One line, no details, so the CLI prints exactly one line for it. */
const bad = (message: string): VigiaError => validationError(message);

/** Why the system refused `path`, in words (ENOENT, EACCES, …). */
function refusal(e: unknown, what: What, path: string): VigiaError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return bad(`${what} ${path} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return bad(`${what} ${path} cannot be read (permission denied)`);
  if (code === 'ENOTDIR') return bad(`${what} ${path} does not exist (a part of the path is not a folder)`);
  if (code === 'ELOOP') return bad(`${what} ${path} cannot be read (too many symbolic links)`);
  return bad(`${what} ${path} cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`);
}

/** Checks that `path` is a readable, non-empty regular file; returns it unchanged. */
export async function checkInputFile(path: string, what: What = 'the file'): Promise<string> {
  let info;
  try {
    info = await stat(path);
    await access(path, constants.R_OK);
  } catch (e) {
    throw refusal(e, what, path);
  }
  if (info.isDirectory()) throw bad(`${what} ${path} is a folder, not a file`);
  if (!info.isFile()) throw bad(`${what} ${path} is not a regular file`);
  if (info.size === 0) throw bad(`${what} ${path} is empty`);
  return path;
}

/** A checked input file as a stream (imports read files of any size this way). */
export async function openInputFile(path: string, what: What = 'the file'): Promise<ReadStream> {
  return createReadStream(await checkInputFile(path, what));
}

/** A checked input file's text. */
export async function readInputText(path: string, what: What = 'the file'): Promise<string> {
  await checkInputFile(path, what);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw refusal(e, what, path);
  }
}

/** Checks that `path` is a readable folder with something in it; returns it unchanged. */
export async function checkInputFolder(path: string, what: What = 'the folder'): Promise<string> {
  let entries;
  try {
    const info = await stat(path);
    if (!info.isDirectory()) throw bad(`${what} ${path} is a file, not a folder`);
    entries = await readdir(path);
  } catch (e) {
    if (isVigiaError(e)) throw e;
    throw refusal(e, what, path);
  }
  if (entries.length === 0) throw bad(`${what} ${path} is empty`);
  return path;
}
