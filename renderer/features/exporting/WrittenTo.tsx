/** Where the backend wrote a file (or a folder): a label and the path in monospace, wrapped anywhere. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

export function WrittenTo({ label, path, testId }: { label: string; path: string; testId?: string }) {
  return (
    <Typography variant="body2" color="text.secondary" data-testid={testId}>
      {label}:{' '}
      <Box component="span" sx={{ color: 'text.primary', fontFamily: 'ui-monospace, SFMono-Regular, Consolas, "Liberation Mono", monospace', fontSize: '0.8125rem', wordBreak: 'break-all' }}>
        {path}
      </Box>
    </Typography>
  );
}

/** The folder of a path the backend gave (either separator: the backend may run on Windows). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}
