/**
 * The built-in consul-template replacement: a small Go text/template engine (lexer, parser, evaluator) with
 * consul-template's functions, and the runner that watches the registry with blocking queries and rewrites files.
 */
package io.consulate.template;
