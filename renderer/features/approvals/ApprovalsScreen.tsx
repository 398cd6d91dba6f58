/** Approvals: received signed sheets (inbox), approve or return, HR import, return notes. */
import Box from '@mui/material/Box';

export default function ApprovalsScreen() {
  return <Box data-testid="approvals-screen" />;
}
