/** A SHA-256 fingerprint in monospace, wrapped at its colons. */
import Box from '@mui/material/Box';

export function Fingerprint({ value }: { value: string }) {
  return (
    <Box component="span" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Consolas, "Liberation Mono", monospace', fontSize: '0.75rem', wordBreak: 'break-all', lineHeight: 1.4 }} title={value}>
      {value}
    </Box>
  );
}
