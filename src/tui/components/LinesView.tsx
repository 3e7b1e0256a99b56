/**
 * Pure view: draws lines of styled segments, one Ink <Text> per line, never wrapping. Every
 * segment's text goes through stripControl here, whatever built it: a crafted dump cannot
 * move the cursor or retitle the terminal. Without colour (NO_COLOR) the colours are dropped
 * and only bold, dim and inverse remain.
 */
import { Box, Text } from 'ink';
import { stripControl } from '../../text/sanitize.js';
import type { Line } from '../view/line.js';

export interface LinesViewProps {
  lines: readonly Line[];
  width: number;
  colors: boolean;
}

export function LinesView({ lines, width, colors }: LinesViewProps) {
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? ' ' : line.map((s, j) => (
            <Text
              key={j}
              {...(colors && s.color ? { color: s.color } : {})}
              {...(s.bold ? { bold: true } : {})}
              {...(s.dim ? { dimColor: true } : {})}
              {...(s.inverse ? { inverse: true } : {})}
            >
              {stripControl(s.text)}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
