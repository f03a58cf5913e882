/** The live full-screen view, loaded only by `board` and `demo --board`. */
export { runBoard, type BoardConfig } from './run-board.js';
export { BoardScreen } from './screen.js';
export { Notices } from './notices.js';
