/** Diagrams of a state machine: Graphviz DOT, SVG (Graphviz in WebAssembly) and Mermaid, optionally coloured by coverage. */
export { toDot, toMermaid, toSvg, type DiagramCoverage, type DiagramOptions } from './render.js';
