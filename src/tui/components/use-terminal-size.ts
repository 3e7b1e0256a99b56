/** The terminal's size, following resizes (Ink re-lays out on resize; this re-renders the screen for it). */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  width: number;
  height: number;
}

function read(stdout: NodeJS.WriteStream): Size {
  return { width: stdout.columns || 80, height: stdout.rows || 24 };
}

/** The terminal's size, or `fixed` when given (tests render at a fixed 80×24). */
export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState<Size>(() => fixed ?? read(stdout));
  useEffect(() => {
    if (fixed) return;
    const onResize = (): void => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
