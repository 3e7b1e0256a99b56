// Flat config: typescript-eslint's recommended type-aware rules on top of ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // Code that runs once per input must not give V8 a hidden class of its own: the class is kept
    // outside the young generation and drags what it reaches (a closure and the dump it captured)
    // into the old one (docs/architecture.md, "Code that runs once per input").
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: ':function :function[generator=true]', message: 'A generator function made inside a function gets a hidden class per call: declare it at module level and pass what it needs.' },
        { selector: ':function :matches(ClassDeclaration, ClassExpression)', message: 'A class made inside a function is a new hidden class per call: declare it at module level.' },
        { selector: ':function ObjectExpression > Property[kind=/^[gs]et$/]', message: 'An object literal with an accessor made per call gets a hidden class of its own: use a class.' },
        {
          selector: ':function CallExpression[callee.property.name="defineProperty"] ObjectExpression > Property[key.name=/^[gs]et$/] > :function',
          message: 'An accessor made per call gives the object a hidden class of its own: pass one function shared by all objects.',
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } } },
);
